<?xml version="1.0" encoding="UTF-8"?>
<!--
  letter-interview.xsl - the interview invitation (面试通知) as a letter
  document (xsd/letter.xsd), its words once; letter-xhtml.xsl and
  letter-text.xsl render it (notice-interview.xsl,
  notice-interview-text.xsl).

  Parameter: seq, the number of the notice in the dossier (notice/@seq).
  The material review before the notice sent the application to an
  interview (review outcome interview, or confirmation when the secretariat
  then refused the simplified route). The letter describes the three
  segments of the interview (R5, Q16), the five dimensions scored, what to
  bring, and says that the society will send the time and place. The
  panel's focus points (review/focus) and the examiners are never shown.
  Shared parts: letter-common.xsl.
-->
<xsl:stylesheet version="1.0"
		xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
		xmlns:e="urn:ecap:1"
		xmlns:l="urn:ecap:letter:1"
		exclude-result-prefixes="e">

  <xsl:import href="letter-common.xsl"/>

  <!-- Lookups only an interview letter needs (see letter-failed.xsl). -->

  <!--
    Interview notices: the secretariat's refusal of the simplified route
    (R6), when one came between the review and the notice.
  -->
  <xsl:variable name="confirmation-refused"
		select="$result/following-sibling::e:confirmation[@confirmed = 'false']
			[following-sibling::e:notice[count(. | $notice) = 1]][1]"/>

  <!-- The projects of the form, for an interview (2 or 3 are presented). -->
  <xsl:variable name="application-projects"
		select="$application/e:projects/e:project[normalize-space(e:title) != '']"/>

  <xsl:template match="/" mode="letter">
    <xsl:call-template name="require-later-notice">
      <xsl:with-param name="kind" select="'interview'"/>
      <xsl:with-param name="results" select="' review:interview review:confirmation '"/>
    </xsl:call-template>
    <xsl:call-template name="letter">
      <xsl:with-param name="kind" select="'interview'"/>
      <xsl:with-param name="title" select="'面试通知'"/>
      <xsl:with-param name="body">
	<xsl:call-template name="interview-body"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="interview-body">
    <l:paragraph>
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
    </l:paragraph>

    <l:section>
      <l:heading>一、面试时间和地点</l:heading>
      <l:paragraph>面试的具体时间和地点，本学会将另行通知您。请保持申请表中所留电子邮箱和电话畅通，及时查收通知；如因特殊原因无法按时参加，请在收到时间地点通知后尽快与本学会联系。</l:paragraph>
    </l:section>

    <l:section>
      <l:heading>二、面试的程序</l:heading>
      <l:table numbered="yes" class="data segments">
	<l:columns>
	  <l:column>环节</l:column>
	  <l:column>时长</l:column>
	  <l:column>内容</l:column>
	</l:columns>
	<xsl:call-template name="segment">
	  <xsl:with-param name="number" select="1"/>
	  <xsl:with-param name="name" select="'自我陈述'"/>
	  <xsl:with-param name="time" select="'约 10 分钟'"/>
	  <xsl:with-param name="content" select="'由您介绍所具备的工程会员素质能力。须围绕您承担的 2 至 3 个具体工程项目，全面展示自身的工程能力水平，重点说明本人在项目中发挥的作用，注意区分个人贡献与集体成绩。可借助演示文稿。'"/>
	</xsl:call-template>
	<xsl:call-template name="segment">
	  <xsl:with-param name="number" select="2"/>
	  <xsl:with-param name="name" select="'考官提问'"/>
	  <xsl:with-param name="time" select="'不少于 30 分钟'"/>
	  <xsl:with-param name="content" select="'面试考官就您的陈述、申请材料以及工程会员素质能力要求提问，请如实、具体地回答。'"/>
	</xsl:call-template>
	<xsl:call-template name="segment">
	  <xsl:with-param name="number" select="3"/>
	  <xsl:with-param name="name" select="'考官合议'"/>
	  <xsl:with-param name="time" select="'约 10 分钟'"/>
	  <xsl:with-param name="content" select="'面试考官对您的表现进行合议并评分，此环节您无需参加。'"/>
	</xsl:call-template>
      </l:table>
      <xsl:if test="$application-projects">
	<l:paragraph>您在申请表中填写的工程项目如下，自我陈述可从中选择：</l:paragraph>
	<l:list class="notes projects" particular="yes">
	  <xsl:for-each select="$application-projects">
	    <l:item>
	      <xsl:value-of select="normalize-space(e:title)"/>
	      <xsl:if test="normalize-space(e:role) != ''">
		<xsl:value-of select="concat('（本人角色：', normalize-space(e:role), '）')"/>
	      </xsl:if>
	    </l:item>
	  </xsl:for-each>
	</l:list>
      </xsl:if>
    </l:section>

    <l:section>
      <l:heading>三、评价内容</l:heading>
      <!-- the five dimensions in the sentence: a list of five names took
	   five lines of the one page -->
      <l:paragraph>
	<xsl:text>面试考官将按照工程会员素质能力要求，对</xsl:text>
	<xsl:call-template name="dimension-names">
	  <xsl:with-param name="codes" select="$dimension-codes"/>
	</xsl:call-template>
	<xsl:text>五个方面分别评分。面试的总分和工程知识与专业能力、工程伦理与职业道德两项的单项得分均须达到规定标准，方为通过。</xsl:text>
      </l:paragraph>
    </l:section>

    <l:section>
      <l:heading>四、请携带的材料</l:heading>
      <l:list numbered="yes" class="steps">
	<l:item>本人有效身份证件原件，供现场核验身份；</l:item>
	<l:item>学历、学位证书原件，以及申请材料中主要佐证材料的原件，以备考官查验；</l:item>
	<l:item>自我陈述使用的演示文稿（电子版，建议另备纸质版）；</l:item>
	<l:item>本通知（打印件或电子版均可）。</l:item>
      </l:list>
    </l:section>

    <l:section>
      <l:heading>五、注意事项</l:heading>
      <l:list class="notes">
	<l:item>面试须由申请人本人参加，不得由他人代替。请提前到达面试地点，按时参加。</l:item>
	<l:item>陈述和回答的内容须真实、准确；涉及保密内容的，请做脱密处理。</l:item>
	<l:item>面试结束后，本学会将以书面形式将结果通知您。</l:item>
      </l:list>
    </l:section>
  </xsl:template>

  <!-- One segment of the interview: a row of the table, and as a line
       "自我陈述（约 10 分钟）：..." for the text letter. -->
  <xsl:template name="segment">
    <xsl:param name="number"/>
    <xsl:param name="name"/>
    <xsl:param name="time"/>
    <xsl:param name="content"/>
    <l:row>
      <l:cell><xsl:value-of select="concat($number, '. ', $name)"/></l:cell>
      <l:cell><xsl:value-of select="$time"/></l:cell>
      <l:cell><xsl:value-of select="$content"/></l:cell>
      <l:text><xsl:value-of select="concat($name, '（', $time, '）：', $content)"/></l:text>
    </l:row>
  </xsl:template>

  <!-- The five dimensions scored, in their order (process.md R5). -->
  <xsl:template name="dimension-names">
    <xsl:param name="codes"/>
    <xsl:variable name="code" select="substring-before(concat(normalize-space($codes), ' '), ' ')"/>
    <xsl:if test="$code != ''">
      <xsl:call-template name="dimension-name">
	<xsl:with-param name="code" select="$code"/>
      </xsl:call-template>
      <xsl:if test="contains(normalize-space($codes), ' ')">、</xsl:if>
      <xsl:call-template name="dimension-names">
	<xsl:with-param name="codes" select="substring-after(normalize-space($codes), ' ')"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
