<?xml version="1.0" encoding="UTF-8"?>
<!--
  public-register-changes.xsl - the public notice of the certificate status
  changes of a run (工程会员证书状态变更公示, Q31) as XHTML for print and the
  web: out/public/<run>-register-changes.html.

  Rendered from a registerChanges document (doc/dossier.md, "Documents
  outside the dossier"); it takes no parameter. A table of the changes
  (registration number, serial, name, level, change, date) sorted by date,
  what each kind of change means, and where a certificate's status can be
  checked. No ID number, reason or other personal detail is shown. The
  print styles and helpers come from public-common.xsl.
-->
<xsl:stylesheet version="1.0"
		xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
		xmlns:e="urn:ecap:1"
		xmlns="http://www.w3.org/1999/xhtml"
		exclude-result-prefixes="e">

  <xsl:import href="public-common.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"
	      doctype-system="about:legacy-compat"/>

  <xsl:variable name="report" select="/e:registerChanges"/>
  <xsl:variable name="changes" select="$report/e:registerChange"/>

  <xsl:variable name="society-name" select="normalize-space($report/@societyName)"/>
  <xsl:variable name="society-name-en" select="normalize-space($report/@societyNameEn)"/>

  <xsl:variable name="notice-date">
    <xsl:call-template name="chinese-date">
      <xsl:with-param name="iso" select="$report/@date"/>
    </xsl:call-template>
  </xsl:variable>

  <xsl:variable name="title" select="'工程会员证书状态变更公示'"/>

  <xsl:template match="/">
    <xsl:if test="not($report)">
      <xsl:message terminate="yes">public-register-changes: the document is not an ecap registerChanges</xsl:message>
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
	      <xsl:with-param name="list" select="$report"/>
	    </xsl:call-template>
	    <!-- the notice's number in the society's format (R9), never the run's id -->
	    <xsl:if test="normalize-space($report/@number) != ''">
	      <div class="reference">
		<xsl:value-of select="concat('公示编号：', normalize-space($report/@number))"/>
	      </div>
	    </xsl:if>
	    <xsl:call-template name="changes-body"/>
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

  <xsl:template name="changes-body">
    <p>
      <xsl:text>根据工程会员证书管理的有关规定，获授权学会应及时向社会公开工程会员证书暂停、恢复、注销、撤销等信息。现将</xsl:text>
      <xsl:value-of select="count($changes)"/>
      <xsl:text>项工程会员证书状态变更情况公示如下。</xsl:text>
    </p>

    <h2>一、变更名单</h2>
    <xsl:choose>
      <xsl:when test="$changes">
	<table class="data changes">
	  <thead>
	    <tr>
	      <th scope="col">序号</th>
	      <th scope="col">注册编号</th>
	      <th scope="col">证书编号</th>
	      <th scope="col">姓名</th>
	      <th scope="col">会员级别</th>
	      <th scope="col">变更事项</th>
	      <th scope="col">生效日期</th>
	    </tr>
	  </thead>
	  <tbody>
	    <xsl:for-each select="$changes">
	      <xsl:sort select="@date"/>
	      <xsl:sort select="@registration"/>
	      <tr>
		<td class="number"><xsl:value-of select="position() + number(concat('0', $report/@offset))"/></td>
		<td class="registration"><xsl:value-of select="normalize-space(@registration)"/></td>
		<td class="registration"><xsl:value-of select="normalize-space(@serial)"/></td>
		<td class="name"><xsl:value-of select="normalize-space(@name)"/></td>
		<td>
		  <xsl:call-template name="level-name">
		    <xsl:with-param name="code" select="normalize-space(@level)"/>
		  </xsl:call-template>
		</td>
		<td>
		  <xsl:call-template name="status-action-name">
		    <xsl:with-param name="code" select="normalize-space(@action)"/>
		  </xsl:call-template>
		</td>
		<td class="date">
		  <xsl:call-template name="chinese-date">
		    <xsl:with-param name="iso" select="@date"/>
		  </xsl:call-template>
		</td>
	      </tr>
	    </xsl:for-each>
	  </tbody>
	</table>
      </xsl:when>
      <xsl:otherwise>
	<p>本期无工程会员证书状态变更。</p>
      </xsl:otherwise>
    </xsl:choose>

    <xsl:if test="$changes">
      <h2>二、说明</h2>
      <ul class="notes">
	<xsl:if test="$changes[@action = 'suspend']">
	  <li>暂停：证书暂停期间不得使用；暂停情形消除并经本学会审核同意后，可以恢复。</li>
	</xsl:if>
	<xsl:if test="$changes[@action = 'restore']">
	  <li>恢复：此前暂停的证书自恢复之日起重新有效。</li>
	</xsl:if>
	<xsl:if test="$changes[@action = 'cancel']">
	  <li>注销：证书自注销之日起不再有效。</li>
	</xsl:if>
	<xsl:if test="$changes[@action = 'revoke']">
	  <li>撤销：证书自撤销之日起不再有效。</li>
	</xsl:if>
	<xsl:if test="$changes[@action = 'expire']">
	  <li>到期失效：证书有效期届满，未办理再注册，自失效之日起不再有效。</li>
	</xsl:if>
	<li>以上证书状态变更信息已向中国工程师联合体通报。证书的当前状态可在中国工程师联合体官网和本学会官方平台凭注册编号查询。</li>
      </ul>
    </xsl:if>
  </xsl:template>

  <xsl:template name="public-css">
    <xsl:text>
table.changes {
	width: 100%;
	font-size: 9.5pt;
}
table.changes th, table.changes td {
	padding: 1mm 1.5mm;
}
table.changes td.name {
	overflow-wrap: anywhere;
}
table.changes td.registration, table.changes td.date {
	white-space: nowrap;
}
</xsl:text>
  </xsl:template>

</xsl:stylesheet>
