<?xml version="1.0" encoding="UTF-8"?>
<!--
  notice-interview.xsl - the interview invitation (面试通知) as XHTML for
  print.

  Parameter: seq, the number of the notice in the dossier (notice/@seq).
  The material review before the notice sent the application to an
  interview (review outcome interview, or confirmation when the secretariat
  then refused the simplified route). The letter describes the three
  segments of the interview (R5, Q16), the five dimensions scored, what to
  bring, and says that the society will send the time and place. The
  panel's focus points (review/focus) and the examiners are never shown.
  Shared parts: notice-common.xsl.
-->
<xsl:stylesheet version="1.0"
		xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
		xmlns:e="urn:ecap:1"
		xmlns="http://www.w3.org/1999/xhtml"
		exclude-result-prefixes="e">

  <xsl:import href="notice-common.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"
	      doctype-system="about:legacy-compat"/>

  <xsl:variable name="title" select="'面试通知'"/>

  <xsl:template match="/">
    <xsl:call-template name="require-later-notice">
      <xsl:with-param name="kind" select="'interview'"/>
      <xsl:with-param name="results" select="' review:interview review:confirmation '"/>
    </xsl:call-template>
    <xsl:call-template name="html-page">
      <xsl:with-param name="title" select="$title"/>
      <xsl:with-param name="body">
	<xsl:call-template name="interview-body"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="interview-body">
    <xsl:choose>
      <xsl:when test="$confirmation-refused">
	<p>
	  <xsl:text>您的</xsl:text>
	  <xsl:call-template name="application-phrase"/>
	  <xsl:text>原按持有国际工程组织工程师资格的简化评价程序办理。经联合体秘书处核实，未予确认</xsl:text>
	  <xsl:if test="normalize-space($confirmation-refused/@reference) != ''">
	    <xsl:value-of select="concat('（文号：', normalize-space($confirmation-refused/@reference), '）')"/>
	  </xsl:if>
	  <xsl:text>，因此您的申请改按完整的评价程序办理，需要参加面试考核。现将面试有关事项通知如下。</xsl:text>
	</p>
      </xsl:when>
      <xsl:otherwise>
	<p>
	  <xsl:text>您的</xsl:text>
	  <xsl:call-template name="application-phrase"/>
	  <xsl:text>已完成材料审查。根据材料审查结果和工程能力评价的有关规定，您需要参加面试考核。现将面试有关事项通知如下。</xsl:text>
	</p>
      </xsl:otherwise>
    </xsl:choose>

    <h2>一、面试时间和地点</h2>
    <p>面试的具体时间和地点，本学会将另行通知您。请保持申请表中所留电子邮箱和电话畅通，及时查收通知；如因特殊原因无法按时参加，请在收到时间地点通知后尽快与本学会联系。</p>

    <h2>二、面试的程序</h2>
    <p>面试包括以下三个环节：</p>
    <table class="data segments">
      <thead>
	<tr><th scope="col">环节</th><th scope="col">时长</th><th scope="col">内容</th></tr>
      </thead>
      <tbody>
	<tr>
	  <td>1. 自我陈述</td>
	  <td>约 10 分钟</td>
	  <td>由您介绍所具备的工程会员素质能力。须围绕您承担的 2 至 3 个具体工程项目，全面展示自身的工程能力水平，重点说明本人在项目中发挥的作用，注意区分个人贡献与集体成绩。可借助演示文稿。</td>
	</tr>
	<tr>
	  <td>2. 考官提问</td>
	  <td>不少于 30 分钟</td>
	  <td>面试考官就您的陈述、申请材料以及工程会员素质能力要求提问，请如实、具体地回答。</td>
	</tr>
	<tr>
	  <td>3. 考官合议</td>
	  <td>约 10 分钟</td>
	  <td>面试考官对您的表现进行合议并评分，此环节您无需参加。</td>
	</tr>
      </tbody>
    </table>
    <xsl:if test="$application-projects">
      <p>您在申请表中填写的工程项目如下，可从中选择 2 至 3 个进行陈述：</p>
      <ul class="notes projects">
	<xsl:for-each select="$application-projects">
	  <li>
	    <xsl:value-of select="normalize-space(e:title)"/>
	    <xsl:if test="normalize-space(e:role) != ''">
	      <xsl:value-of select="concat('（本人角色：', normalize-space(e:role), '）')"/>
	    </xsl:if>
	  </li>
	</xsl:for-each>
      </ul>
    </xsl:if>

    <h2>三、评价内容</h2>
    <p>面试考官将按照工程会员素质能力要求，对以下五个方面分别评分。面试的总分和工程知识与专业能力、工程伦理与职业道德两项的单项得分均须达到规定标准，方为通过。</p>
    <ol class="steps dimensions">
      <xsl:call-template name="interview-dimension-items"/>
    </ol>

    <h2>四、请携带的材料</h2>
    <ol class="steps">
      <li>本人有效身份证件原件，供现场核验身份；</li>
      <li>学历、学位证书原件，以及申请材料中主要佐证材料的原件，以备考官查验；</li>
      <li>自我陈述使用的演示文稿（电子版，建议另备纸质版）；</li>
      <li>本通知（打印件或电子版均可）。</li>
    </ol>

    <h2>五、注意事项</h2>
    <ul class="notes">
      <li>面试须由申请人本人参加，不得由他人代替。请提前到达面试地点，按时参加。</li>
      <li>陈述和回答的内容须真实、准确；涉及保密内容的，请做脱密处理。</li>
      <li>面试结束后，本学会将以书面形式将结果通知您。</li>
    </ul>
  </xsl:template>

  <xsl:template name="interview-dimension-items">
    <xsl:call-template name="interview-dimension-item">
      <xsl:with-param name="code" select="'knowledge'"/>
    </xsl:call-template>
    <xsl:call-template name="interview-dimension-item">
      <xsl:with-param name="code" select="'ethics'"/>
    </xsl:call-template>
    <xsl:call-template name="interview-dimension-item">
      <xsl:with-param name="code" select="'teamwork'"/>
    </xsl:call-template>
    <xsl:call-template name="interview-dimension-item">
      <xsl:with-param name="code" select="'learning'"/>
    </xsl:call-template>
    <xsl:call-template name="interview-dimension-item">
      <xsl:with-param name="code" select="'leadership'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="interview-dimension-item">
    <xsl:param name="code"/>
    <li>
      <xsl:call-template name="dimension-name">
	<xsl:with-param name="code" select="$code"/>
      </xsl:call-template>
    </li>
  </xsl:template>

</xsl:stylesheet>
