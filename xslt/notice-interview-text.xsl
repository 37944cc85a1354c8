<?xml version="1.0" encoding="UTF-8"?>
<!--
  notice-interview-text.xsl - the interview invitation (面试通知) as plain
  text (UTF-8, lines of at most about 72 columns), the e-mail twin of
  notice-interview.xsl, with the same content.

  Parameter: seq, the number of the notice in the dossier (notice/@seq).
-->
<xsl:stylesheet version="1.0"
		xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
		xmlns:e="urn:ecap:1"
		exclude-result-prefixes="e">

  <xsl:import href="notice-common.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:variable name="title" select="'面试通知'"/>

  <xsl:template match="/">
    <xsl:call-template name="require-later-notice">
      <xsl:with-param name="kind" select="'interview'"/>
      <xsl:with-param name="results" select="' review:interview review:confirmation '"/>
    </xsl:call-template>
    <xsl:call-template name="text-page">
      <xsl:with-param name="title" select="$title"/>
      <xsl:with-param name="body">
	<xsl:call-template name="interview-body"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="interview-body">
    <xsl:call-template name="text-paragraph">
      <xsl:with-param name="text">
	<xsl:text>您的</xsl:text>
	<xsl:call-template name="application-phrase"/>
	<xsl:choose>
	  <xsl:when test="$confirmation-refused">
	    <xsl:text>原按持有国际工程组织工程师资格的简化评价程序办理。经联合体秘书处核实，未予确认</xsl:text>
	    <xsl:if test="normalize-space($confirmation-refused/@reference) != ''">
	      <xsl:value-of select="concat('（文号：', normalize-space($confirmation-refused/@reference), '）')"/>
	    </xsl:if>
	    <xsl:text>，因此您的申请改按完整的评价程序办理，需要参加面试考核。现将面试有关事项通知如下。</xsl:text>
	  </xsl:when>
	  <xsl:otherwise>
	    <xsl:text>已完成材料审查。根据材料审查结果和工程能力评价的有关规定，您需要参加面试考核。现将面试有关事项通知如下。</xsl:text>
	  </xsl:otherwise>
	</xsl:choose>
      </xsl:with-param>
    </xsl:call-template>

    <xsl:call-template name="text-heading">
      <xsl:with-param name="text" select="'一、面试时间和地点'"/>
    </xsl:call-template>
    <xsl:call-template name="text-paragraph">
      <xsl:with-param name="text">面试的具体时间和地点，本学会将另行通知您。请保持申请表中所留电子邮箱和电话畅通，及时查收通知；如因特殊原因无法按时参加，请在收到时间地点通知后尽快与本学会联系。</xsl:with-param>
    </xsl:call-template>

    <xsl:call-template name="text-heading">
      <xsl:with-param name="text" select="'二、面试的程序'"/>
    </xsl:call-template>
    <xsl:call-template name="text-paragraph">
      <xsl:with-param name="text">面试包括以下三个环节：</xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="text-item">
      <xsl:with-param name="marker" select="'1.'"/>
      <xsl:with-param name="text">自我陈述（约 10 分钟）：由您介绍所具备的工程会员素质能力。须围绕您承担的 2 至 3 个具体工程项目，全面展示自身的工程能力水平，重点说明本人在项目中发挥的作用，注意区分个人贡献与集体成绩。可借助演示文稿。</xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="text-item">
      <xsl:with-param name="marker" select="'2.'"/>
      <xsl:with-param name="text">考官提问（不少于 30 分钟）：面试考官就您的陈述、申请材料以及工程会员素质能力要求提问，请如实、具体地回答。</xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="text-item">
      <xsl:with-param name="marker" select="'3.'"/>
      <xsl:with-param name="text">考官合议（约 10 分钟）：面试考官对您的表现进行合议并评分，此环节您无需参加。</xsl:with-param>
    </xsl:call-template>
    <xsl:text>&#10;</xsl:text>
    <xsl:if test="$application-projects">
      <xsl:call-template name="text-paragraph">
	<xsl:with-param name="text">您在申请表中填写的工程项目如下，可从中选择 2 至 3 个进行陈述：</xsl:with-param>
      </xsl:call-template>
      <xsl:for-each select="$application-projects">
	<xsl:call-template name="text-item">
	  <xsl:with-param name="marker" select="'-'"/>
	  <xsl:with-param name="text">
	    <xsl:value-of select="normalize-space(e:title)"/>
	    <xsl:if test="normalize-space(e:role) != ''">
	      <xsl:value-of select="concat('（本人角色：', normalize-space(e:role), '）')"/>
	    </xsl:if>
	  </xsl:with-param>
	</xsl:call-template>
      </xsl:for-each>
      <xsl:text>&#10;</xsl:text>
    </xsl:if>

    <xsl:call-template name="text-heading">
      <xsl:with-param name="text" select="'三、评价内容'"/>
    </xsl:call-template>
    <xsl:call-template name="text-paragraph">
      <xsl:with-param name="text">面试考官将按照工程会员素质能力要求，对以下五个方面分别评分。面试的总分和工程知识与专业能力、工程伦理与职业道德两项的单项得分均须达到规定标准，方为通过。</xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="text-item">
      <xsl:with-param name="marker" select="'1.'"/>
      <xsl:with-param name="text">工程知识与专业能力</xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="text-item">
      <xsl:with-param name="marker" select="'2.'"/>
      <xsl:with-param name="text">工程伦理与职业道德</xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="text-item">
      <xsl:with-param name="marker" select="'3.'"/>
      <xsl:with-param name="text">团队合作与交流能力</xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="text-item">
      <xsl:with-param name="marker" select="'4.'"/>
      <xsl:with-param name="text">持续发展与终身学习能力</xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="text-item">
      <xsl:with-param name="marker" select="'5.'"/>
      <xsl:with-param name="text">组织领导与项目管理能力</xsl:with-param>
    </xsl:call-template>
    <xsl:text>&#10;</xsl:text>

    <xsl:call-template name="text-heading">
      <xsl:with-param name="text" select="'四、请携带的材料'"/>
    </xsl:call-template>
    <xsl:call-template name="text-item">
      <xsl:with-param name="marker" select="'1.'"/>
      <xsl:with-param name="text">本人有效身份证件原件，供现场核验身份；</xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="text-item">
      <xsl:with-param name="marker" select="'2.'"/>
      <xsl:with-param name="text">学历、学位证书原件，以及申请材料中主要佐证材料的原件，以备考官查验；</xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="text-item">
      <xsl:with-param name="marker" select="'3.'"/>
      <xsl:with-param name="text">自我陈述使用的演示文稿（电子版，建议另备纸质版）；</xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="text-item">
      <xsl:with-param name="marker" select="'4.'"/>
      <xsl:with-param name="text">本通知（打印件或电子版均可）。</xsl:with-param>
    </xsl:call-template>
    <xsl:text>&#10;</xsl:text>

    <xsl:call-template name="text-heading">
      <xsl:with-param name="text" select="'五、注意事项'"/>
    </xsl:call-template>
    <xsl:call-template name="text-item">
      <xsl:with-param name="marker" select="'-'"/>
      <xsl:with-param name="text">面试须由申请人本人参加，不得由他人代替。请提前到达面试地点，按时参加。</xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="text-item">
      <xsl:with-param name="marker" select="'-'"/>
      <xsl:with-param name="text">陈述和回答的内容须真实、准确；涉及保密内容的，请做脱密处理。</xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="text-item">
      <xsl:with-param name="marker" select="'-'"/>
      <xsl:with-param name="text">面试结束后，本学会将以书面形式将结果通知您。</xsl:with-param>
    </xsl:call-template>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

</xsl:stylesheet>
