<?xml version="1.0" encoding="UTF-8"?>
<!--
  letter-common.xsl - the parts every letter document shares, for the
  builders xslt/letter-KIND.xsl.

  A builder turns a dossier (or, for the status letter, a registerChange)
  into a letter document (xsd/letter.xsd, namespace urn:ecap:letter:1):
  the letter's words once, with no layout. letter-xhtml.xsl and
  letter-text.xsl render it; the batch also typesets it as PDF
  (pipeline/render/pdf_letter.c). This file holds:
    - the frame of every letter (template "letter"): letterhead, title,
      reference, the particulars, the salutation, the closing, the
      signature and the date, around the body a builder gives;
    - the lists every validation letter has: the reasons, and the notes;
    - the phrases several letters say alike (submitted-phrase,
      application-phrase);
    - field, which leaves a particular out when its value is unknown.
  A builder applied alone (match "/") writes its letter document; the
  renderers build it through mode "letter".
  Lookups (the dossier, code tables): notice-lookups.xsl.
-->
<xsl:stylesheet version="1.0"
		xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
		xmlns:e="urn:ecap:1"
		xmlns:l="urn:ecap:letter:1"
		exclude-result-prefixes="e">

  <xsl:import href="notice-lookups.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:template match="/">
    <xsl:apply-templates select="." mode="letter"/>
  </xsl:template>

  <!--
    The whole letter: KIND (the notice's kind), TITLE, and BODY (a result
    tree fragment of l:paragraph and l:section). The particulars come from
    the template letter-particulars, which a builder may redefine.
  -->
  <xsl:template name="letter">
    <xsl:param name="kind"/>
    <xsl:param name="title"/>
    <xsl:param name="body"/>
    <l:letter kind="{$kind}" application="{$application-id}">
      <l:letterhead>
	<l:society><xsl:value-of select="$signatory"/></l:society>
	<xsl:if test="$society-name-en != ''">
	  <l:society-en><xsl:value-of select="$society-name-en"/></l:society-en>
	</xsl:if>
      </l:letterhead>
      <l:title><xsl:value-of select="$title"/></l:title>
      <l:reference label="通知编号"><xsl:value-of select="$reference"/></l:reference>
      <l:fields class="particulars">
	<xsl:call-template name="letter-particulars"/>
      </l:fields>
      <l:salutation><xsl:value-of select="concat('尊敬的', $addressee, '：')"/></l:salutation>
      <l:body><xsl:copy-of select="$body"/></l:body>
      <l:closing>
	<l:paragraph>
	  <xsl:value-of select="concat('如对本通知有疑问，请与', $signatory, '联系')"/>
	  <xsl:if test="$application-id != ''">
	    <xsl:value-of select="concat('，联系时请注明申请编号 ', $application-id)"/>
	  </xsl:if>
	  <xsl:text>。</xsl:text>
	</l:paragraph>
	<l:paragraph>特此通知。</l:paragraph>
	<l:regards>此致</l:regards>
	<l:salute>敬礼！</l:salute>
      </l:closing>
      <l:signature>
	<l:name><xsl:value-of select="$signatory"/></l:name>
	<l:date><xsl:value-of select="$notice-date"/></l:date>
      </l:signature>
    </l:letter>
  </xsl:template>

  <!--
    One particular: LABEL, SHORT (the label as the text letter aligns it,
    four CJK columns wide; LABEL when not given) and VALUE; left out when
    VALUE is empty. CODE set: the value is a code to be read exactly.
  -->
  <xsl:template name="field">
    <xsl:param name="label"/>
    <xsl:param name="short" select="$label"/>
    <xsl:param name="value"/>
    <xsl:param name="code" select="false()"/>
    <xsl:if test="normalize-space($value) != ''">
      <l:field label="{$label}">
	<xsl:if test="$short != $label">
	  <xsl:attribute name="short"><xsl:value-of select="$short"/></xsl:attribute>
	</xsl:if>
	<xsl:choose>
	  <xsl:when test="$code"><l:code><xsl:value-of select="$value"/></l:code></xsl:when>
	  <xsl:otherwise><xsl:value-of select="$value"/></xsl:otherwise>
	</xsl:choose>
      </l:field>
    </xsl:if>
  </xsl:template>

  <!-- Who and what the letter is about; rows that are unknown are left out. -->
  <xsl:template name="letter-particulars">
    <xsl:call-template name="field">
      <xsl:with-param name="label" select="'申请人'"/>
      <xsl:with-param name="short" select="'申 请 人'"/>
      <xsl:with-param name="value">
	<xsl:choose>
	  <xsl:when test="$applicant-name != ''">
	    <xsl:value-of select="$applicant-name"/>
	  </xsl:when>
	  <xsl:otherwise>（申请表未能读取，姓名不详）</xsl:otherwise>
	</xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="field">
      <xsl:with-param name="label" select="'证件号码'"/>
      <xsl:with-param name="value" select="string($dossier/@idMasked)"/>
    </xsl:call-template>
    <xsl:call-template name="field">
      <xsl:with-param name="label" select="'申请编号'"/>
      <xsl:with-param name="value" select="$application-id"/>
    </xsl:call-template>
    <xsl:call-template name="field">
      <xsl:with-param name="label" select="'申请级别'"/>
      <xsl:with-param name="value" select="$level-name"/>
    </xsl:call-template>
    <xsl:call-template name="field">
      <xsl:with-param name="label" select="'工程技术领域'"/>
      <xsl:with-param name="short" select="'技术领域'"/>
      <xsl:with-param name="value" select="$field-name"/>
    </xsl:call-template>
    <xsl:call-template name="field">
      <xsl:with-param name="label" select="'通知日期'"/>
      <xsl:with-param name="value" select="$notice-date"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Every reason of REASONS, numbered: its heading, then its own text. -->
  <xsl:template name="letter-reasons">
    <xsl:param name="reasons" select="$validation/e:reason"/>
    <l:list numbered="yes" class="reasons">
      <xsl:for-each select="$reasons">
	<l:item>
	  <l:heading><xsl:call-template name="reason-title"/></l:heading>
	  <xsl:if test="normalize-space(.) != ''">
	    <l:detail><xsl:value-of select="normalize-space(.)"/></l:detail>
	  </xsl:if>
	</l:item>
      </xsl:for-each>
    </l:list>
  </xsl:template>

  <!-- The validation's notes (extra files and the like), when it has any. -->
  <xsl:template name="letter-notes">
    <xsl:param name="heading" select="'其他说明'"/>
    <xsl:if test="$validation/e:note[normalize-space(.) != '']">
      <l:section>
	<l:heading><xsl:value-of select="$heading"/></l:heading>
	<l:list class="notes">
	  <xsl:for-each select="$validation/e:note[normalize-space(.) != '']">
	    <l:item><xsl:value-of select="normalize-space(.)"/></l:item>
	  </xsl:for-each>
	</l:list>
      </l:section>
    </xsl:if>
  </xsl:template>

  <!-- "您于2026年11月24日提交的" when the package's date is known. -->
  <xsl:template name="submitted-phrase">
    <xsl:choose>
      <xsl:when test="normalize-space($submission/@received) != ''">
	<xsl:text>您于</xsl:text>
	<xsl:call-template name="chinese-date">
	  <xsl:with-param name="iso" select="$submission/@received"/>
	</xsl:call-template>
	<xsl:text>提交的</xsl:text>
      </xsl:when>
      <xsl:otherwise>您提交的</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "工程能力评价申请（申请编号：…，申请级别：…）" with what is known. -->
  <xsl:template name="application-phrase">
    <xsl:text>工程能力评价申请</xsl:text>
    <xsl:if test="$application-id != ''">
      <xsl:text>（申请编号：</xsl:text>
      <xsl:value-of select="$application-id"/>
      <xsl:if test="$level-name != ''">
	<xsl:text>，申请级别：</xsl:text>
	<xsl:value-of select="$level-name"/>
      </xsl:if>
      <xsl:text>）</xsl:text>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
