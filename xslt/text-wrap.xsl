<?xml version="1.0" encoding="UTF-8"?>
<!--
  text-wrap.xsl - plain text laid out in columns, for letter-text.xsl.

  A printable ASCII character takes one column and every other character
  (CJK, full-width punctuation) two, as a terminal or a monospaced CJK
  font shows them. text-wrap fills lines of at most $text-width (72)
  columns, breaking between CJK characters or at spaces but never inside
  a Latin word or number, never before a closing mark (，。）...) and
  never after an opening one (（《...); text-centred and text-right set a
  line in the width; text-paragraph is a paragraph whose first line is
  indented two CJK characters. No wording of any letter is here.

  ecap's renderer offers two extension functions (urn:ecap:text:1,
  lib/text_fill.c) that do in C what templates here do: t:fill, the line
  filling of text-wrap, and t:columns, the count of columns. Each is used
  when function-available() says so; elsewhere (xsltproc) the templates
  here give the same bytes, and a change of a rule is made in both.
-->
<xsl:stylesheet version="1.0"
		xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
		xmlns:e="urn:ecap:1"
		xmlns:t="urn:ecap:text:1"
		exclude-result-prefixes="e t">

  <!-- ============================================ text: helpers == -->

  <!-- Printable ASCII: one column each; every other character takes two. -->
  <xsl:variable name="narrow-characters"
		select="concat(' !&quot;#$%&amp;', &quot;'&quot;,
			'()*+,-./0123456789:;&lt;=&gt;?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\]^_`abcdefghijklmnopqrstuvwxyz{|}~')"/>

  <!-- Characters that must not begin a line. -->
  <xsl:variable name="closing-punctuation"
		select="concat('，。、；：！？）》」』】〕”’…—,.;:!?)]}%', &quot;'&quot;)"/>

  <!-- Characters that must not end a line. -->
  <xsl:variable name="opening-punctuation" select="'（《「『【〔“‘([{'"/>

  <xsl:variable name="text-width" select="72"/>

  <xsl:variable name="spaces"
		select="'                                                                                '"/>

  <xsl:variable name="text-rule-heavy"
		select="'========================================================================'"/>
  <xsl:variable name="text-rule-light"
		select="'------------------------------------------------------------------------'"/>

  <!--
    The columns TEXT takes. ecap's renderer offers t:columns, the same
    count in C: translate() looks for every character of the text among
    the 95 narrow ones, which costs more than all the rest of a short line.
    A template call costs about as much again, so the measures below (and
    letter-text.xsl's) make this choice inline.
  -->
  <xsl:template name="text-columns">
    <xsl:param name="text"/>
    <xsl:choose>
      <xsl:when test="function-available('t:columns')">
	<xsl:value-of select="t:columns($text)"/>
      </xsl:when>
      <xsl:otherwise>
	<xsl:value-of select="string-length($text)
			      + string-length(translate($text, $narrow-characters, ''))"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The largest N in [LOW, HIGH] whose prefix of TEXT fits in AVAILABLE columns. -->
  <xsl:template name="text-fit-length">
    <xsl:param name="text"/>
    <xsl:param name="available"/>
    <xsl:param name="low"/>
    <xsl:param name="high"/>
    <xsl:choose>
      <xsl:when test="$low &gt;= $high">
	<xsl:value-of select="$low"/>
      </xsl:when>
      <xsl:otherwise>
	<xsl:variable name="middle" select="ceiling(($low + $high) div 2)"/>
	<xsl:variable name="prefix" select="substring($text, 1, $middle)"/>
	<xsl:variable name="columns"
		      select="string-length($prefix)
			      + string-length(translate($prefix, $narrow-characters, ''))"/>
	<xsl:choose>
	  <xsl:when test="$columns &lt;= $available">
	    <xsl:call-template name="text-fit-length">
	      <xsl:with-param name="text" select="$text"/>
	      <xsl:with-param name="available" select="$available"/>
	      <xsl:with-param name="low" select="$middle"/>
	      <xsl:with-param name="high" select="$high"/>
	    </xsl:call-template>
	  </xsl:when>
	  <xsl:otherwise>
	    <xsl:call-template name="text-fit-length">
	      <xsl:with-param name="text" select="$text"/>
	      <xsl:with-param name="available" select="$available"/>
	      <xsl:with-param name="low" select="$low"/>
	      <xsl:with-param name="high" select="$middle - 1"/>
	    </xsl:call-template>
	  </xsl:otherwise>
	</xsl:choose>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!--
    The last place at or before N, and at most TRIES characters back, where
    TEXT may be broken: at a space, or between characters when that neither
    splits a Latin word or number, nor begins a line with a closing mark, nor
    ends one with an opening mark. 0 when there is none.
  -->
  <xsl:template name="text-break-before">
    <xsl:param name="text"/>
    <xsl:param name="n"/>
    <xsl:param name="tries" select="30"/>
    <xsl:variable name="last" select="substring($text, $n, 1)"/>
    <xsl:variable name="next" select="substring($text, $n + 1, 1)"/>
    <xsl:choose>
      <xsl:when test="$n &lt; 1 or $tries &lt; 0">0</xsl:when>
      <xsl:when test="$next = '' or $last = ' ' or $next = ' '
		      or not(contains($closing-punctuation, $next)
			     or contains($opening-punctuation, $last)
			     or (contains($narrow-characters, $last)
				 and contains($narrow-characters, $next)))">
	<xsl:value-of select="$n"/>
      </xsl:when>
      <xsl:otherwise>
	<xsl:call-template name="text-break-before">
	  <xsl:with-param name="text" select="$text"/>
	  <xsl:with-param name="n" select="$n - 1"/>
	  <xsl:with-param name="tries" select="$tries - 1"/>
	</xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Where to end a line of TEXT that FIT characters would fill. -->
  <xsl:template name="text-break-at">
    <xsl:param name="text"/>
    <xsl:param name="fit"/>
    <xsl:variable name="allowed">
      <xsl:call-template name="text-break-before">
	<xsl:with-param name="text" select="$text"/>
	<xsl:with-param name="n" select="$fit"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$allowed &gt; 0"><xsl:value-of select="$allowed"/></xsl:when>
      <!-- one long word: cut it where the line is full -->
      <xsl:otherwise><xsl:value-of select="$fit"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- TEXT with trailing spaces removed. -->
  <xsl:template name="text-trim-end">
    <xsl:param name="text"/>
    <xsl:choose>
      <xsl:when test="substring($text, string-length($text)) = ' '">
	<xsl:call-template name="text-trim-end">
	  <xsl:with-param name="text" select="substring($text, 1, string-length($text) - 1)"/>
	</xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!--
    TEXT (white space normalized) wrapped to WIDTH columns, each line ending
    with a newline: the first line begins with FIRST, the others with INDENT.
    A very long text is first cut in two at a sentence end or a space near
    its middle, and each half wrapped alone, so that the recursion of the
    line filler stays shallow (libxslt stops at 3000 nested calls).
    ecap's renderer offers t:fill (lib/text_fill.c), these same rules in C:
    measuring every prefix with translate() is most of the cost of a
    letter's text. Any change of a rule here is a change there (t0230
    compares the two on every golden letter and on made-up hard cases).
  -->
  <xsl:template name="text-wrap">
    <xsl:param name="text"/>
    <xsl:param name="first" select="''"/>
    <xsl:param name="indent" select="''"/>
    <xsl:param name="width" select="$text-width"/>
    <xsl:choose>
      <xsl:when test="function-available('t:fill')">
	<xsl:value-of select="t:fill($text, $first, $indent, $width)"/>
      </xsl:when>
      <xsl:otherwise>
	<xsl:call-template name="text-wrap-halves">
	  <xsl:with-param name="text" select="$text"/>
	  <xsl:with-param name="first" select="$first"/>
	  <xsl:with-param name="indent" select="$indent"/>
	  <xsl:with-param name="width" select="$width"/>
	</xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- text-wrap in XSLT: a text over 1500 characters in halves, each filled alone. -->
  <xsl:template name="text-wrap-halves">
    <xsl:param name="text"/>
    <xsl:param name="first"/>
    <xsl:param name="indent"/>
    <xsl:param name="width"/>
    <xsl:variable name="content" select="normalize-space($text)"/>
    <xsl:variable name="length" select="string-length($content)"/>
    <xsl:choose>
      <xsl:when test="$length &gt; 1500">
	<xsl:variable name="half" select="floor($length div 2)"/>
	<xsl:variable name="after" select="substring($content, $half + 1)"/>
	<xsl:variable name="split">
	  <xsl:choose>
	    <xsl:when test="contains(substring($after, 1, 400), '。')">
	      <xsl:value-of select="$half + string-length(substring-before($after, '。')) + 1"/>
	    </xsl:when>
	    <xsl:when test="contains(substring($after, 1, 400), ' ')">
	      <xsl:value-of select="$half + string-length(substring-before($after, ' '))"/>
	    </xsl:when>
	    <xsl:otherwise><xsl:value-of select="$half"/></xsl:otherwise>
	  </xsl:choose>
	</xsl:variable>
	<xsl:call-template name="text-wrap-halves">
	  <xsl:with-param name="text" select="substring($content, 1, $split)"/>
	  <xsl:with-param name="first" select="$first"/>
	  <xsl:with-param name="indent" select="$indent"/>
	  <xsl:with-param name="width" select="$width"/>
	</xsl:call-template>
	<xsl:call-template name="text-wrap-halves">
	  <xsl:with-param name="text" select="substring($content, $split + 1)"/>
	  <xsl:with-param name="first" select="$indent"/>
	  <xsl:with-param name="indent" select="$indent"/>
	  <xsl:with-param name="width" select="$width"/>
	</xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
	<xsl:call-template name="text-wrap-lines">
	  <xsl:with-param name="text" select="$content"/>
	  <xsl:with-param name="first" select="$first"/>
	  <xsl:with-param name="indent" select="$indent"/>
	  <xsl:with-param name="width" select="$width"/>
	</xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The line filler of text-wrap: one line, then the rest. -->
  <xsl:template name="text-wrap-lines">
    <xsl:param name="text"/>
    <xsl:param name="first" select="''"/>
    <xsl:param name="indent" select="''"/>
    <xsl:param name="width" select="$text-width"/>
    <xsl:variable name="content" select="normalize-space($text)"/>
    <xsl:variable name="prefix-columns"
		  select="string-length($first)
			  + string-length(translate($first, $narrow-characters, ''))"/>
    <xsl:variable name="available">
      <xsl:choose>
	<xsl:when test="$width - $prefix-columns &lt; 10">10</xsl:when>
	<xsl:otherwise><xsl:value-of select="$width - $prefix-columns"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="columns"
		  select="string-length($content)
			  + string-length(translate($content, $narrow-characters, ''))"/>
    <xsl:choose>
      <xsl:when test="$columns &lt;= $available">
	<xsl:value-of select="concat($first, $content, '&#10;')"/>
      </xsl:when>
      <xsl:otherwise>
	<xsl:variable name="fit">
	  <xsl:call-template name="text-fit-length">
	    <xsl:with-param name="text" select="$content"/>
	    <xsl:with-param name="available" select="$available"/>
	    <xsl:with-param name="low" select="1"/>
	    <xsl:with-param name="high" select="$available"/>
	  </xsl:call-template>
	</xsl:variable>
	<xsl:variable name="cut">
	  <xsl:call-template name="text-break-at">
	    <xsl:with-param name="text" select="$content"/>
	    <xsl:with-param name="fit" select="number($fit)"/>
	  </xsl:call-template>
	</xsl:variable>
	<xsl:variable name="line">
	  <xsl:call-template name="text-trim-end">
	    <xsl:with-param name="text" select="substring($content, 1, $cut)"/>
	  </xsl:call-template>
	</xsl:variable>
	<xsl:value-of select="concat($first, $line, '&#10;')"/>
	<xsl:variable name="rest" select="normalize-space(substring($content, $cut + 1))"/>
	<xsl:if test="$rest != ''">
	  <xsl:call-template name="text-wrap-lines">
	    <xsl:with-param name="text" select="$rest"/>
	    <xsl:with-param name="first" select="$indent"/>
	    <xsl:with-param name="indent" select="$indent"/>
	    <xsl:with-param name="width" select="$width"/>
	  </xsl:call-template>
	</xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A paragraph of the letter: first line indented two CJK characters. -->
  <xsl:template name="text-paragraph">
    <xsl:param name="text"/>
    <xsl:call-template name="text-wrap">
      <xsl:with-param name="text" select="$text"/>
      <xsl:with-param name="first" select="'    '"/>
    </xsl:call-template>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <!-- TEXT centred in WIDTH columns (left as it is when wider). -->
  <xsl:template name="text-centred">
    <xsl:param name="text"/>
    <xsl:param name="width" select="$text-width"/>
    <xsl:choose>
      <!-- in one expression with t:columns: no spaces (substring of length
	   0 or less) when the text is as wide as the line or wider -->
      <xsl:when test="function-available('t:columns')">
	<xsl:value-of select="concat(substring($spaces, 1, floor(($width - t:columns($text)) div 2)),
			      $text, '&#10;')"/>
      </xsl:when>
      <xsl:otherwise>
	<xsl:variable name="columns"
		      select="string-length($text)
			      + string-length(translate($text, $narrow-characters, ''))"/>
	<xsl:if test="$columns &lt; $width">
	  <xsl:value-of select="substring($spaces, 1, floor(($width - $columns) div 2))"/>
	</xsl:if>
	<xsl:value-of select="concat($text, '&#10;')"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- TEXT set against the right margin (left as it is when wider). -->
  <xsl:template name="text-right">
    <xsl:param name="text"/>
    <xsl:param name="width" select="$text-width"/>
    <xsl:choose>
      <!-- as text-centred -->
      <xsl:when test="function-available('t:columns')">
	<xsl:value-of select="concat(substring($spaces, 1, $width - t:columns($text)), $text, '&#10;')"/>
      </xsl:when>
      <xsl:otherwise>
	<xsl:variable name="columns"
		      select="string-length($text)
			      + string-length(translate($text, $narrow-characters, ''))"/>
	<xsl:if test="$columns &lt; $width">
	  <xsl:value-of select="substring($spaces, 1, $width - $columns)"/>
	</xsl:if>
	<xsl:value-of select="concat($text, '&#10;')"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
