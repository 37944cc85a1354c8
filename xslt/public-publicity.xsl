<?xml version="1.0" encoding="UTF-8"?>
<!--
  public-publicity.xsl - the public notice (公示) of the applicants who passed
  the evaluation in a run, before their certificates are issued (R6b), as
  XHTML for print and the web: out/public/<run>-publicity.html.

  Rendered from a publicityList document (doc/dossier.md, "Documents outside
  the dossier"); it takes no parameter. It gives the period, a table of the
  applicants (number, name, masked ID number, field, level) and how to
  object: in writing, naming the notice and the person concerned, before
  the end of the period. ID numbers appear only as each entry's @idMasked;
  nothing else of the applicants is shown. The print styles and date
  helpers come from public-common.xsl.
-->
<xsl:stylesheet version="1.0"
		xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
		xmlns:e="urn:ecap:1"
		xmlns="http://www.w3.org/1999/xhtml"
		exclude-result-prefixes="e">

  <xsl:import href="public-common.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"
	      doctype-system="about:legacy-compat"/>

  <xsl:variable name="list" select="/e:publicityList"/>
  <xsl:variable name="entries" select="$list/e:entry"/>

  <xsl:variable name="society-name" select="normalize-space($list/@societyName)"/>
  <xsl:variable name="society-name-en" select="normalize-space($list/@societyNameEn)"/>

  <xsl:variable name="notice-date">
    <xsl:call-template name="chinese-date">
      <xsl:with-param name="iso" select="$list/@date"/>
    </xsl:call-template>
  </xsl:variable>

  <xsl:variable name="begins">
    <xsl:call-template name="chinese-date">
      <xsl:with-param name="iso" select="$list/@begins"/>
    </xsl:call-template>
  </xsl:variable>

  <xsl:variable name="ends">
    <xsl:call-template name="chinese-date">
      <xsl:with-param name="iso" select="$list/@ends"/>
    </xsl:call-template>
  </xsl:variable>

  <xsl:variable name="title" select="'工程能力评价结果公示'"/>

  <!-- The notice's own number, for objections to cite: in the society's
       format (R9; each part of a list has its own), never the run's id;
       none on a list made before notice numbers. -->
  <xsl:variable name="reference" select="normalize-space($list/@number)"/>

  <xsl:template match="/">
    <xsl:if test="not($list)">
      <xsl:message terminate="yes">public-publicity: the document is not an ecap publicityList</xsl:message>
    </xsl:if>
    <html lang="zh-CN" xml:lang="zh-CN">
      <head>
	<meta charset="UTF-8"/>
	<meta name="viewport" content="width=device-width, initial-scale=1"/>
	<title><xsl:value-of select="concat($title, ' - ', $signatory)"/></title>
	<style type="text/css">
	  <xsl:call-template name="html-css"/>
	  <xsl:call-template name="public-css"/>
	</style>
      </head>
      <body>
	<div class="sheet">
	  <div class="letter">
	    <xsl:call-template name="html-letterhead"/>
	    <h1><xsl:value-of select="$title"/></h1>
	    <xsl:call-template name="public-part">
	      <xsl:with-param name="list" select="$list"/>
	    </xsl:call-template>
	    <xsl:if test="$reference != ''">
	      <div class="reference">
		<xsl:value-of select="concat('公示编号：', $reference)"/>
	      </div>
	    </xsl:if>
	    <xsl:call-template name="publicity-body"/>
	    <div class="signature">
	      <p class="who"><xsl:value-of select="$signatory"/></p>
	      <p class="when"><xsl:value-of select="$notice-date"/></p>
	    </div>
	  </div>
	  <xsl:call-template name="html-footer"/>
	</div>
      </body>
    </html>
  </xsl:template>

  <xsl:template name="publicity-body">
    <p>
      <xsl:text>根据工程能力评价的有关规定，经材料审查、面试等考核和综合审议，以下</xsl:text>
      <xsl:value-of select="count($entries)"/>
      <xsl:text>名申请人工程能力评价合格，拟注册为相应级别的工程会员。为体现公开、公平、公正，接受社会监督，现予公示。</xsl:text>
    </p>
    <p>
      <xsl:text>公示期：</xsl:text>
      <span class="deadline"><xsl:value-of select="concat($begins, '至', $ends)"/></span>
      <xsl:text>（含首尾两日）。</xsl:text>
    </p>

    <h2>一、公示名单</h2>
    <xsl:choose>
      <xsl:when test="$entries">
	<table class="data publicity">
	  <thead>
	    <tr>
	      <th scope="col">序号</th>
	      <th scope="col">姓名</th>
	      <th scope="col">证件号码</th>
	      <th scope="col">技术领域</th>
	      <th scope="col">申请级别</th>
	    </tr>
	  </thead>
	  <tbody>
	    <xsl:for-each select="$entries">
	      <tr>
		<td class="number"><xsl:value-of select="position() + number(concat('0', $list/@offset))"/></td>
		<td class="name"><xsl:value-of select="normalize-space(@name)"/></td>
		<td class="id"><xsl:value-of select="normalize-space(@idMasked)"/></td>
		<td>
		  <xsl:choose>
		    <xsl:when test="normalize-space(@fieldName) != ''">
		      <xsl:value-of select="normalize-space(@fieldName)"/>
		    </xsl:when>
		    <xsl:otherwise><xsl:value-of select="normalize-space(@field)"/></xsl:otherwise>
		  </xsl:choose>
		</td>
		<td>
		  <xsl:call-template name="level-name">
		    <xsl:with-param name="code" select="normalize-space(@level)"/>
		  </xsl:call-template>
		</td>
	      </tr>
	    </xsl:for-each>
	  </tbody>
	</table>
	<p class="remark">注：为保护个人信息，证件号码仅显示前 3 位和后 4 位。</p>
      </xsl:when>
      <xsl:otherwise>
	<p>本期无公示人员。</p>
      </xsl:otherwise>
    </xsl:choose>

    <h2>二、异议的提出</h2>
    <ol class="steps">
      <li>
	<xsl:text>任何单位或个人对公示人员有异议的，请于</xsl:text>
	<span class="deadline"><xsl:value-of select="$ends"/>（含当日）</span>
	<xsl:text>之前以书面形式向</xsl:text>
	<xsl:value-of select="$signatory"/>
	<xsl:text>提出；逾期提出的，不予受理。</xsl:text>
      </li>
      <li>
	<xsl:text>异议材料请注明本公示</xsl:text>
	<xsl:if test="$reference != ''">
	  <xsl:value-of select="concat('编号（', $reference, '）')"/>
	</xsl:if>
	<xsl:text>及所涉人员的序号和姓名，写明异议的具体事实和理由，并附相关证明材料。</xsl:text>
      </li>
      <li>以个人名义提出的，请署真实姓名并提供联系方式；以单位名义提出的，请加盖单位公章。</li>
      <li>本学会对受理的异议逐一登记编号并调查核实，对异议人的信息予以保密。经核实异议成立的，所涉人员本次评价不予通过；公示期满无异议或异议经核实不成立的，按规定颁发工程会员证书。</li>
    </ol>
  </xsl:template>

  <xsl:template name="public-css">
    <xsl:text>
table.publicity {
	width: 100%;
}
table.publicity td.name {
	overflow-wrap: anywhere;
}
table.publicity td.id {
	font-family: "DejaVu Sans Mono", "Noto Sans Mono CJK SC", monospace;
	white-space: nowrap;
}
p.remark {
	font-size: 9.5pt;
	text-indent: 0;
	color: #444;
}
</xsl:text>
  </xsl:template>

</xsl:stylesheet>
