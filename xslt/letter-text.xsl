<?xml version="1.0" encoding="UTF-8"?>
<!--
  letter-text.xsl - a letter document (xsd/letter.xsd) as plain text: UTF-8,
  lines of at most 72 columns (a CJK character counts two; text-wrap.xsl),
  the e-mail twin of the XHTML page (letter-xhtml.xsl).

  Given a letter document, it renders it. Given anything else (a dossier),
  it first builds the letter with the templates of mode "letter" that a
  builder (xslt/letter-KIND.xsl) imported beside it provides, as
  xslt/notice-KIND-text.xsl does (exsl:node-set). No wording of a letter
  is here.

  The layout: the letterhead centred over a rule of "=", the title centred
  and the reference set right; particulars as "  标签：value" lines (the
  field's short label); the salutation; a section's heading as "【...】";
  paragraphs with their first line indented two CJK characters; numbered
  lists as "  1. ", others as "  - " (a list whose items have headings -
  the reasons - leaves a blank line after each item, other lists one after
  the list); a table whose rows say themselves as a line (l:text) as such
  a list, any other table as columns of the widths its l:column gives;
  the closing, the signature and date set right, and a footer under a
  rule of "-".
-->
<xsl:stylesheet version="1.0"
		xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
		xmlns:l="urn:ecap:letter:1"
		xmlns:exsl="http://exslt.org/common"
		xmlns:t="urn:ecap:text:1"
		exclude-result-prefixes="l exsl t">

  <xsl:import href="text-wrap.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:template match="/">
    <xsl:choose>
      <xsl:when test="l:letter">
	<xsl:apply-templates select="l:letter" mode="text"/>
      </xsl:when>
      <xsl:otherwise>
	<xsl:variable name="built">
	  <xsl:apply-templates select="." mode="letter"/>
	</xsl:variable>
	<xsl:variable name="letter" select="exsl:node-set($built)/l:letter"/>
	<xsl:if test="not($letter)">
	  <xsl:message terminate="yes">letter-text: the document is not a letter (urn:ecap:letter:1)</xsl:message>
	</xsl:if>
	<xsl:apply-templates select="$letter" mode="text"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="text()" mode="letter"/>

  <xsl:template match="l:letter" mode="text">
    <xsl:apply-templates select="l:letterhead | l:title | l:fields | l:salutation
				 | l:body/* | l:closing | l:signature
				 | l:appendix/*" mode="text"/>
    <xsl:call-template name="footer"/>
  </xsl:template>

  <xsl:template match="l:letterhead" mode="text">
    <xsl:for-each select="l:society | l:society-en">
      <xsl:call-template name="text-centred">
	<xsl:with-param name="text" select="string(.)"/>
      </xsl:call-template>
    </xsl:for-each>
    <xsl:value-of select="concat($text-rule-heavy, '&#10;&#10;')"/>
  </xsl:template>

  <xsl:template match="l:title" mode="text">
    <xsl:call-template name="text-centred">
      <xsl:with-param name="text" select="string(.)"/>
    </xsl:call-template>
    <xsl:call-template name="text-right">
      <xsl:with-param name="text" select="concat(../l:reference/@label, '：', ../l:reference)"/>
    </xsl:call-template>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="l:fields" mode="text">
    <xsl:for-each select="l:field">
      <xsl:variable name="label">
	<xsl:choose>
	  <xsl:when test="@short"><xsl:value-of select="@short"/></xsl:when>
	  <xsl:otherwise><xsl:value-of select="@label"/></xsl:otherwise>
	</xsl:choose>
      </xsl:variable>
      <!-- t:fill called here, not through text-wrap: a template call
	   costs as much as the filling (text-wrap.xsl) -->
      <xsl:choose>
	<xsl:when test="function-available('t:fill')">
	  <xsl:value-of select="t:fill(string(.), concat('  ', $label, '：'), '            ', $text-width)"/>
	</xsl:when>
	<xsl:otherwise>
	  <xsl:call-template name="text-wrap">
	    <xsl:with-param name="text" select="string(.)"/>
	    <xsl:with-param name="first" select="concat('  ', $label, '：')"/>
	    <xsl:with-param name="indent" select="'            '"/>
	  </xsl:call-template>
	</xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="l:salutation" mode="text">
    <xsl:value-of select="concat(., '&#10;&#10;')"/>
  </xsl:template>

  <xsl:template match="l:section" mode="text">
    <xsl:value-of select="concat('【', l:heading, '】&#10;&#10;')"/>
    <xsl:apply-templates select="*[not(self::l:heading)]" mode="text"/>
  </xsl:template>

  <!-- text-paragraph, with t:fill called here as for the fields -->
  <xsl:template match="l:paragraph" mode="text">
    <xsl:choose>
      <xsl:when test="function-available('t:fill')">
	<xsl:value-of select="concat(t:fill(string(.), '    ', '', $text-width), '&#10;')"/>
      </xsl:when>
      <xsl:otherwise>
	<xsl:call-template name="text-paragraph">
	  <xsl:with-param name="text" select="string(.)"/>
	</xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- An item: "  1. " or "  - ", the next lines indented under its text. -->
  <xsl:template name="item">
    <xsl:param name="marker"/>
    <xsl:param name="text"/>
    <xsl:choose>
      <xsl:when test="function-available('t:fill')">
	<xsl:value-of select="t:fill($text, concat('  ', $marker, ' '),
			      substring($spaces, 1, 3 + string-length($marker)), $text-width)"/>
      </xsl:when>
      <xsl:otherwise>
	<xsl:call-template name="text-wrap">
	  <xsl:with-param name="text" select="$text"/>
	  <xsl:with-param name="first" select="concat('  ', $marker, ' ')"/>
	  <xsl:with-param name="indent"
			  select="substring($spaces, 1, 3 + string-length($marker))"/>
	</xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="marker">
    <xsl:choose>
      <xsl:when test="../@numbered = 'yes'"><xsl:value-of select="concat(position(), '.')"/></xsl:when>
      <xsl:otherwise>-</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="l:list" mode="text">
    <xsl:for-each select="l:item">
      <xsl:variable name="marker">
	<xsl:call-template name="marker"/>
      </xsl:variable>
      <xsl:choose>
	<xsl:when test="l:heading">
	  <xsl:call-template name="item">
	    <xsl:with-param name="marker" select="$marker"/>
	    <xsl:with-param name="text" select="string(l:heading)"/>
	  </xsl:call-template>
	  <xsl:if test="normalize-space(l:detail) != ''">
	    <xsl:call-template name="text-wrap">
	      <xsl:with-param name="text" select="string(l:detail)"/>
	      <xsl:with-param name="first" select="substring($spaces, 1, 3 + string-length($marker))"/>
	      <xsl:with-param name="indent" select="substring($spaces, 1, 3 + string-length($marker))"/>
	    </xsl:call-template>
	  </xsl:if>
	  <xsl:text>&#10;</xsl:text>
	</xsl:when>
	<xsl:otherwise>
	  <xsl:call-template name="item">
	    <xsl:with-param name="marker" select="$marker"/>
	    <xsl:with-param name="text" select="string(.)"/>
	  </xsl:call-template>
	</xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
    <xsl:if test="not(l:item/l:heading)">
      <xsl:text>&#10;</xsl:text>
    </xsl:if>
  </xsl:template>

  <xsl:template match="l:table[l:row/l:text]" mode="text">
    <xsl:for-each select="l:row">
      <xsl:call-template name="item">
	<xsl:with-param name="marker">
	  <xsl:call-template name="marker"/>
	</xsl:with-param>
	<xsl:with-param name="text" select="string(l:text)"/>
      </xsl:call-template>
    </xsl:for-each>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <!-- A table in columns: the heads, a rule, the rows (a rule above one
       with rule="above", the total), then a blank line. -->
  <xsl:template match="l:table" mode="text">
    <xsl:variable name="rule" select="concat('  ', substring($text-rule-light, 1, 60), '&#10;')"/>
    <xsl:call-template name="table-row">
      <xsl:with-param name="cells" select="l:columns/l:column"/>
    </xsl:call-template>
    <xsl:value-of select="$rule"/>
    <xsl:for-each select="l:row">
      <xsl:if test="@rule = 'above'"><xsl:value-of select="$rule"/></xsl:if>
      <xsl:call-template name="table-row">
	<xsl:with-param name="cells" select="l:cell"/>
      </xsl:call-template>
    </xsl:for-each>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <!-- CELLS padded to their columns' widths (CJK counting two), right-
       aligned where the column says so; a column without a width is the
       remark at the end of the line. -->
  <xsl:template name="table-row">
    <xsl:param name="cells"/>
    <xsl:variable name="columns" select="ancestor-or-self::l:table[1]/l:columns/l:column"/>
    <xsl:variable name="row">
      <xsl:text>  </xsl:text>
      <xsl:for-each select="$cells">
	<xsl:variable name="n" select="position()"/>
	<xsl:variable name="column" select="$columns[$n]"/>
	<!-- the cell's @plain when it has one, else its words -->
	<xsl:variable name="text" select="string((@plain | self::*[not(@plain)])[1])"/>
	<xsl:choose>
	  <xsl:when test="not($column/@width)">
	    <xsl:if test="$text != ''"><xsl:value-of select="concat('  ', $text)"/></xsl:if>
	  </xsl:when>
	  <xsl:otherwise>
	    <xsl:variable name="used">
	      <xsl:choose>
		<xsl:when test="function-available('t:columns')">
		  <xsl:value-of select="t:columns($text)"/>
		</xsl:when>
		<xsl:otherwise>
		  <xsl:value-of select="string-length($text)
					+ string-length(translate($text, $narrow-characters, ''))"/>
		</xsl:otherwise>
	      </xsl:choose>
	    </xsl:variable>
	    <!-- '' when the text fills the column or more -->
	    <xsl:variable name="padding" select="substring($spaces, 1, $column/@width - $used)"/>
	    <xsl:choose>
	      <xsl:when test="$column/@align = 'right'"><xsl:value-of select="concat($padding, $text)"/></xsl:when>
	      <xsl:otherwise><xsl:value-of select="concat($text, $padding)"/></xsl:otherwise>
	    </xsl:choose>
	  </xsl:otherwise>
	</xsl:choose>
      </xsl:for-each>
    </xsl:variable>
    <xsl:call-template name="text-trim-end">
      <xsl:with-param name="text" select="$row"/>
    </xsl:call-template>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="l:closing" mode="text">
    <xsl:apply-templates select="l:paragraph" mode="text"/>
    <xsl:value-of select="concat('    ', l:regards, '&#10;', l:salute, '&#10;&#10;&#10;')"/>
  </xsl:template>

  <!--
    The society, who signs for it and the date as one block against the
    right margin, each line centred in the block. (t:columns: the columns
    of a text counted in C, see text-wrap.xsl.)
  -->
  <xsl:template match="l:signature" mode="text">
    <xsl:variable name="lines" select="l:name | l:signatory | l:date"/>
    <xsl:variable name="block">
      <xsl:choose>
	<xsl:when test="function-available('t:columns')">
	  <xsl:for-each select="$lines">
	    <xsl:sort select="t:columns(.)" data-type="number" order="descending"/>
	    <xsl:if test="position() = 1">
	      <xsl:value-of select="t:columns(.)"/>
	    </xsl:if>
	  </xsl:for-each>
	</xsl:when>
	<xsl:otherwise>
	  <xsl:for-each select="$lines">
	    <xsl:sort select="string-length(.) + string-length(translate(., $narrow-characters, ''))"
		      data-type="number" order="descending"/>
	    <xsl:if test="position() = 1">
	      <xsl:value-of select="string-length(.) + string-length(translate(., $narrow-characters, ''))"/>
	    </xsl:if>
	  </xsl:for-each>
	</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="margin">
      <xsl:choose>
	<xsl:when test="$block + 4 &lt; $text-width"><xsl:value-of select="$text-width - $block - 4"/></xsl:when>
	<xsl:otherwise>0</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:for-each select="$lines">
      <xsl:value-of select="substring($spaces, 1, $margin)"/>
      <xsl:call-template name="text-centred">
	<xsl:with-param name="text" select="string(.)"/>
	<xsl:with-param name="width" select="$block"/>
      </xsl:call-template>
    </xsl:for-each>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <xsl:template name="footer">
    <xsl:variable name="left" select="string(l:letterhead/l:society)"/>
    <xsl:variable name="date" select="string(l:signature/l:date)"/>
    <xsl:variable name="columns">
      <xsl:choose>
	<xsl:when test="function-available('t:columns')">
	  <xsl:value-of select="t:columns(concat($left, $date))"/>
	</xsl:when>
	<xsl:otherwise>
	  <xsl:value-of select="string-length($left) + string-length(translate($left, $narrow-characters, ''))
				+ string-length($date) + string-length(translate($date, $narrow-characters, ''))"/>
	</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:value-of select="concat($text-rule-light, '&#10;', $left)"/>
    <xsl:choose>
      <xsl:when test="$columns &lt; $text-width - 2">
	<xsl:value-of select="substring($spaces, 1, $text-width - $columns)"/>
      </xsl:when>
      <xsl:otherwise><xsl:text>  </xsl:text></xsl:otherwise>
    </xsl:choose>
    <xsl:value-of select="concat($date, '&#10;')"/>
    <xsl:if test="l:letterhead/l:society-en">
      <xsl:value-of select="concat(l:letterhead/l:society-en, '&#10;')"/>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
