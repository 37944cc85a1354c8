<?xml version="1.0" encoding="UTF-8"?>
<!--
  certificate-svg.xsl - the engineer membership certificate (工程会员证书) as
  SVG 1.1, A4 landscape (297 x 210 mm; one user unit is one millimetre),
  ready to print: out/certificates/<serial>.svg from <serial>.xml
  (doc/dossier.md, "Documents outside the dossier"; R7).

  Chinese and English: the title, the holder's name, the level (Chinese and
  English names), the field, the registration number and serial, the
  issue and expiry dates, the issuing society in both languages and, set
  apart in a box, the verification code, with beside it the QR code of the
  verification address (the e:qr child pipeline/render/qrcode.c adds) and the
  address in text under them. A patterned border frames it.

  Nothing may run out of its space: each variable text gets a font size
  from its length (CJK characters counting two columns), in quarter-
  millimetre steps down to a floor; a text still too long at the floor is
  squeezed to its width with textLength. Loads nothing.

  The texts that are the same on every certificate of a society (titles,
  labels, the society's names, the fixed wording) and the outline seal are
  drawn last, in one group, <g id="fixed">, the root's last child: ecap's
  renderer draws them once a thread and replays them onto each
  certificate's PDF (pipeline/render/pdf.c), and leaves the group out of
  what librsvg reads for each certificate. Nothing drawn before them may
  overlap them; they may refer to no other element (no url(), no href),
  hold no group and no id, nor be styled by a style sheet: the PDF would
  then be drawn whole, as it would be without it. Nor does the group hold
  a stroke: poppler draws a stroke replayed inside the PDF form a pixel
  apart from the same stroke on the page. Each template that draws both
  takes a PART, 'ground' (the frame, the rules, the holder's particulars)
  or 'text' (the fixed texts and the seal).

  ecap writes the PDF itself when it can (pipeline/render/pdf_certificate.c):
  each holder's particular outside the fixed group is a <text> of plain
  text with only the attributes it knows (x, y, font-size, text-anchor,
  letter-spacing, font-weight, font-style, fill, font-family, class,
  xml:lang), in the root or in groups with only a class, and the QR code a
  <path> of straight lines in its own group (class qr-code). Those it
  writes over everything else, which librsvg draws once a thread: nothing
  else may be drawn over a particular. A particular with anything more (a
  tspan, textLength) makes librsvg draw the whole certificate, as before.
  The texts of class holder, verification-code and verification-address,
  which only one holder's certificate has, have their glyphs embedded apart
  from those of the rest, which the certificates of a field and level
  share (pipeline/render/pdf_certificate.c, particular_classes).
-->
<xsl:stylesheet version="1.0"
		xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
		xmlns:e="urn:ecap:1"
		xmlns="http://www.w3.org/2000/svg"
		xmlns:xlink="http://www.w3.org/1999/xlink"
		xmlns:t="urn:ecap:text:1"
		exclude-result-prefixes="e t">

  <xsl:import href="notice-lookups.xsl"/>
  <xsl:import href="text-wrap.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="yes" media-type="image/svg+xml"/>

  <!-- The policy's seal as a data: URI (pipeline/render/seal.h), drawn in
       place of the outline seal; '' for the outline. -->
  <xsl:param name="seal-src" select="''"/>

  <xsl:variable name="certificate" select="/e:certificate"/>

  <!-- the verification address and its QR code, added for this stylesheet
       by pipeline/render/qrcode.c (never in the signed file); absent when the
       policy names no verification baseUrl -->
  <xsl:variable name="qrUrl" select="string($certificate/e:qr/@url)"/>
  <xsl:variable name="qrPath" select="string($certificate/e:qr)"/>
  <xsl:variable name="qrModules" select="number($certificate/e:qr/@modules)"/>

  <!-- Latin in a serif face, CJK in WenQuanYi Micro Hei, the letters' face
       (then Zen Hei, which has more characters): all TrueType, whose subsets
       cairo embeds small (57 to 70 KB a certificate with its QR code). Noto
       Serif CJK is CFF, which cairo 1.16 embeds with all its subroutines and
       copies per document (546 KB): it is only the fallback for a character
       WenQuanYi lacks, so that no name loses a glyph (README, "PDF, and why
       this way"). -->
  <xsl:variable name="serif">'Liberation Serif', 'WenQuanYi Micro Hei', 'WenQuanYi Zen Hei', 'Noto Serif CJK SC', 'Noto Sans CJK SC', serif</xsl:variable>
  <xsl:variable name="mono">'DejaVu Sans Mono', 'Noto Sans Mono CJK SC', 'Liberation Mono', monospace</xsl:variable>

  <xsl:variable name="red" select="'#8b1a1a'"/>
  <xsl:variable name="gold" select="'#a8843a'"/>
  <xsl:variable name="ink" select="'#222222'"/>
  <xsl:variable name="grey" select="'#555555'"/>
  <xsl:variable name="paper" select="'#fffdf6'"/>
  <!-- gold at 16 % and red at 85 % over the paper, mixed: the emblem's and
       the seal's colours, drawn opaque (see frame and seal) -->
  <xsl:variable name="faint-gold" select="'#f1ead8'"/>
  <xsl:variable name="seal-red" select="'#9c3c3b'"/>

  <!-- The page's horizontal centre and the two columns of particulars. -->
  <xsl:variable name="centre" select="148.5"/>

  <!-- =============================================== the values == -->

  <xsl:variable name="holder" select="normalize-space($certificate/@name)"/>
  <xsl:variable name="level-code" select="normalize-space($certificate/@level)"/>

  <xsl:variable name="level-zh">
    <xsl:choose>
      <xsl:when test="normalize-space($certificate/@levelName) != ''">
	<xsl:value-of select="normalize-space($certificate/@levelName)"/>
      </xsl:when>
      <xsl:otherwise>
	<xsl:call-template name="level-name">
	  <xsl:with-param name="code" select="$level-code"/>
	</xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:variable name="level-en">
    <xsl:choose>
      <xsl:when test="normalize-space($certificate/@levelNameEn) != ''">
	<xsl:value-of select="normalize-space($certificate/@levelNameEn)"/>
      </xsl:when>
      <xsl:otherwise>
	<xsl:call-template name="level-name-en">
	  <xsl:with-param name="code" select="$level-code"/>
	</xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:variable name="field-zh">
    <xsl:choose>
      <xsl:when test="normalize-space($certificate/@fieldName) != ''">
	<xsl:value-of select="normalize-space($certificate/@fieldName)"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="normalize-space($certificate/@field)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:variable name="field-en">
    <xsl:choose>
      <xsl:when test="normalize-space($certificate/@fieldNameEn) != ''">
	<xsl:value-of select="normalize-space($certificate/@fieldNameEn)"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="normalize-space($certificate/@field)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:variable name="issuer-zh" select="normalize-space($certificate/@societyName)"/>
  <xsl:variable name="issuer-en" select="normalize-space($certificate/@societyNameEn)"/>

  <!-- ============================================ the document == -->

  <!--
    The language is zh-Hans (Chinese in simplified characters), not zh-CN:
    Pango asks fontconfig for fonts by language, and for a run of bare
    digits in bold (the dates, 2026年12月8日) a zh-CN request ranks Noto
    Serif CJK SC Bold, the fallback for rare name characters, before the
    faces named first; Pango then opens its 27 MB file in every process
    that draws a certificate, though no glyph of it is drawn (about 7 MB of
    memory a run, more with two typesetting threads). With zh-Hans the
    faces are taken in the order named: the same PDF byte for byte, and a
    character only Noto has (𠮷) still drawn in it (test-pdf's name scan).
  -->
  <xsl:template match="/">
    <xsl:if test="not($certificate)">
      <xsl:message terminate="yes">certificate-svg: the document is not an ecap certificate</xsl:message>
    </xsl:if>
    <svg version="1.1" width="297mm" height="210mm" viewBox="0 0 297 210"
	 font-family="{$serif}" fill="{$ink}" xml:lang="zh-Hans">
      <title>
	<xsl:value-of select="concat('工程会员证书 Certificate of Engineer Membership ', normalize-space($certificate/@serial))"/>
      </title>
      <desc>
	<xsl:value-of select="concat($holder, '，', $level-zh, '（', $level-en, '），注册编号 ', normalize-space($certificate/@registration), '，证书编号 ', normalize-space($certificate/@serial), '，验证码 ', normalize-space($certificate/@verification))"/>
      </desc>
      <xsl:call-template name="definitions"/>
      <xsl:call-template name="frame"/>
      <xsl:call-template name="statement"><xsl:with-param name="part" select="'ground'"/></xsl:call-template>
      <xsl:call-template name="particulars"><xsl:with-param name="part" select="'ground'"/></xsl:call-template>
      <xsl:call-template name="verification"><xsl:with-param name="part" select="'ground'"/></xsl:call-template>
      <xsl:call-template name="issuer"><xsl:with-param name="part" select="'ground'"/></xsl:call-template>
      <g id="fixed">
	<xsl:call-template name="heading"/>
	<xsl:call-template name="statement"><xsl:with-param name="part" select="'text'"/></xsl:call-template>
	<xsl:call-template name="particulars"><xsl:with-param name="part" select="'text'"/></xsl:call-template>
	<xsl:call-template name="verification"><xsl:with-param name="part" select="'text'"/></xsl:call-template>
	<xsl:call-template name="issuer"><xsl:with-param name="part" select="'text'"/></xsl:call-template>
	<xsl:call-template name="footnote"/>
      </g>
    </svg>
  </xsl:template>

  <xsl:template name="definitions">
    <defs>
      <pattern id="band" width="4" height="4" patternUnits="userSpaceOnUse">
	<rect width="4" height="4" fill="#f6ecd2"/>
	<path d="M0 2 L2 0 L4 2 L2 4 Z" fill="none" stroke="{$gold}" stroke-width="0.25"/>
	<circle cx="2" cy="2" r="0.45" fill="{$red}"/>
      </pattern>
    </defs>
  </xsl:template>

  <!--
    Background, a patterned band between two rules, corner ornaments, the
    faint emblem behind the text and the two rules across the centre.

    Drawn with as few elements as look the same: every element is a cairo
    operation that librsvg styles and cairo 1.16's PDF surface records,
    analyses and writes again (about 0.15 M instructions a stroke, 0.07 M a
    fill), so shapes of one style are one path of several parts, drawn
    where nothing between them overlaps them. A stroked shape whose edge is
    not straight and level is drawn as the area its stroke covers, filled
    (which cairo writes without stroking the path to know its extents).
    The paths are written out, not computed: the stylesheet is applied to
    every certificate, and computing them cost more than drawing them.
  -->
  <xsl:template name="frame">
    <rect x="0" y="0" width="297" height="210" fill="{$paper}"/>
    <rect x="6" y="6" width="285" height="198" fill="none" stroke="{$gold}" stroke-width="1.1"/>
    <path fill="url(#band)" fill-rule="evenodd"
	  d="M8 8 H289 V202 H8 Z M13 13 V197 H284 V13 Z"/>
    <!-- the band's rules (the rects 8 to 289 by 8 to 202, 13 to 284 by 13 to 197) -->
    <path d="M8 8H289V202H8Z M13 13H284V197H13Z" fill="none" stroke="{$gold}" stroke-width="0.3"/>
    <rect x="15.5" y="15.5" width="266" height="179" fill="none" stroke="{$red}" stroke-width="0.45"/>
    <!-- the corners, about (15.5, 15.5), (281.5, 15.5), (15.5, 194.5) and
	 (281.5, 194.5): a square of paper 6 mm a side turned 45 degrees,
	 edged in gold 0.4 mm across, with a red one of 3.2 mm inside; the
	 edged square is a gold one of 6.4 mm under a paper one of 5.6 mm (half
	 diagonals 4.525, 3.96 and 2.263 mm; each from its top, clockwise) -->
    <path fill="{$gold}" d="M15.5 10.975L20.025 15.5L15.5 20.025L10.975 15.5ZM281.5 10.975L286.025 15.5L281.5 20.025L276.975 15.5ZM15.5 189.975L20.025 194.5L15.5 199.025L10.975 194.5ZM281.5 189.975L286.025 194.5L281.5 199.025L276.975 194.5Z"/>
    <path fill="{$paper}" d="M15.5 11.54L19.46 15.5L15.5 19.46L11.54 15.5ZM281.5 11.54L285.46 15.5L281.5 19.46L277.54 15.5ZM15.5 190.54L19.46 194.5L15.5 198.46L11.54 194.5ZM281.5 190.54L285.46 194.5L281.5 198.46L277.54 194.5Z"/>
    <path fill="{$red}" d="M15.5 13.237L17.763 15.5L15.5 17.763L13.237 15.5ZM281.5 13.237L283.763 15.5L281.5 17.763L279.237 15.5ZM15.5 192.237L17.763 194.5L15.5 196.763L13.237 194.5ZM281.5 192.237L283.763 194.5L281.5 196.763L279.237 194.5Z"/>
    <!-- a faint emblem behind the text: three gold circles about (148.5,
	 112) at 16 % over the paper, radius 58 stroked 1.4 mm across, 52 and
	 30 stroked 0.4 mm, as the rings their strokes cover (filled even-odd,
	 each circle two half arcs), in their colour mixed over the paper
	 beforehand: only the paper is under them -->
    <path fill="{$faint-gold}" fill-rule="evenodd" d="M207.2 112A58.7 58.7 0 1 0 89.8 112A58.7 58.7 0 1 0 207.2 112ZM205.8 112A57.3 57.3 0 1 0 91.2 112A57.3 57.3 0 1 0 205.8 112ZM200.7 112A52.2 52.2 0 1 0 96.3 112A52.2 52.2 0 1 0 200.7 112ZM200.3 112A51.8 51.8 0 1 0 96.7 112A51.8 51.8 0 1 0 200.3 112ZM178.7 112A30.2 30.2 0 1 0 118.3 112A30.2 30.2 0 1 0 178.7 112ZM178.3 112A29.8 29.8 0 1 0 118.7 112A29.8 29.8 0 1 0 178.3 112Z"/>
    <!-- the rules under the title (y 60.5, 42 mm each side of the centre)
	 and above the particulars (y 127, 70 mm), broken in the middle for a
	 small red diamond (a square of 2.6 mm turned), over the emblem -->
    <path fill="none" stroke="{$gold}" stroke-width="0.4" d="M106.5 60.5H146M151 60.5H190.5M78.5 127H146M151 127H218.5"/>
    <path fill="{$red}" d="M148.5 58.662L150.338 60.5L148.5 62.338L146.662 60.5ZM148.5 125.162L150.338 127L148.5 128.838L146.662 127Z"/>
  </xsl:template>

  <!-- The society at the top, the title in both languages. -->
  <xsl:template name="heading">
    <xsl:call-template name="line">
      <xsl:with-param name="text" select="$issuer-zh"/>
      <xsl:with-param name="y" select="28"/>
      <xsl:with-param name="size" select="5.5"/>
      <xsl:with-param name="width" select="200"/>
      <xsl:with-param name="fill" select="$red"/>
      <xsl:with-param name="weight" select="'bold'"/>
    </xsl:call-template>
    <xsl:call-template name="line">
      <xsl:with-param name="text" select="$issuer-en"/>
      <xsl:with-param name="y" select="33.5"/>
      <xsl:with-param name="size" select="3"/>
      <xsl:with-param name="width" select="200"/>
      <xsl:with-param name="fill" select="$red"/>
      <xsl:with-param name="lang" select="'en'"/>
    </xsl:call-template>
    <text x="{$centre}" y="48" text-anchor="middle" font-size="13" font-weight="bold"
	  letter-spacing="3" fill="{$red}">工程会员证书</text>
    <text x="{$centre}" y="56" text-anchor="middle" font-size="4.6" letter-spacing="0.9"
	  fill="{$red}" xml:lang="en">CERTIFICATE OF ENGINEER MEMBERSHIP</text>
  </xsl:template>

  <!-- "兹证明 … 经工程能力评价合格，注册为 …" with the name and level large. -->
  <xsl:template name="statement">
    <xsl:param name="part"/>
    <xsl:if test="$part = 'ground'">
      <xsl:call-template name="statement-ground"/>
    </xsl:if>
    <xsl:if test="$part = 'text'">
      <text x="{$centre}" y="71" text-anchor="middle" font-size="4.2" fill="{$grey}">
	<xsl:text>兹证明</xsl:text>
	<tspan dx="2" font-size="3.4" font-style="italic" xml:lang="en">This is to certify that</tspan>
      </text>
    </xsl:if>
  </xsl:template>

  <xsl:template name="statement-ground">
    <xsl:call-template name="holder"/>
    <line x1="{$centre - 60}" y1="89" x2="{$centre + 60}" y2="89" stroke="{$gold}" stroke-width="0.3"/>
    <xsl:call-template name="line">
      <xsl:with-param name="text" select="concat('经', $field-zh, '领域工程能力评价合格，注册为')"/>
      <xsl:with-param name="y" select="96.5"/>
      <xsl:with-param name="size" select="4.6"/>
      <xsl:with-param name="width" select="230"/>
    </xsl:call-template>
    <xsl:call-template name="line">
      <xsl:with-param name="text" select="concat('has been assessed in ', $field-en, ' and is registered as')"/>
      <xsl:with-param name="y" select="102"/>
      <xsl:with-param name="size" select="3.4"/>
      <xsl:with-param name="width" select="230"/>
      <xsl:with-param name="fill" select="$grey"/>
      <xsl:with-param name="style" select="'italic'"/>
      <xsl:with-param name="lang" select="'en'"/>
    </xsl:call-template>
    <xsl:call-template name="line">
      <xsl:with-param name="text" select="$level-zh"/>
      <xsl:with-param name="y" select="114"/>
      <xsl:with-param name="size" select="8.5"/>
      <xsl:with-param name="width" select="200"/>
      <xsl:with-param name="weight" select="'bold'"/>
      <xsl:with-param name="fill" select="$red"/>
      <xsl:with-param name="spacing" select="'1.5'"/>
      <xsl:with-param name="class" select="'level'"/>
    </xsl:call-template>
    <xsl:call-template name="line">
      <xsl:with-param name="text" select="$level-en"/>
      <xsl:with-param name="y" select="121"/>
      <xsl:with-param name="size" select="4.4"/>
      <xsl:with-param name="width" select="200"/>
      <xsl:with-param name="fill" select="$red"/>
      <xsl:with-param name="lang" select="'en'"/>
      <xsl:with-param name="class" select="'level-en'"/>
    </xsl:call-template>
  </xsl:template>

  <!--
    The holder's name, large: on one line while it fits at 7 mm or more,
    else on two, cut at the first space after the middle (or at the middle
    when there is none), both lines the same size.
  -->
  <xsl:template name="holder">
    <xsl:variable name="ems">
      <xsl:call-template name="ems">
	<xsl:with-param name="text" select="$holder"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="short-cjk"
		  select="string-length($holder) &lt;= 4
			  and translate($holder, $narrow-characters, '') = $holder"/>
    <xsl:choose>
      <xsl:when test="$ems * 7 &lt;= $holder-width">
	<xsl:call-template name="line">
	  <xsl:with-param name="text" select="$holder"/>
	  <xsl:with-param name="y" select="85"/>
	  <xsl:with-param name="size" select="12"/>
	  <xsl:with-param name="width" select="$holder-width"/>
	  <xsl:with-param name="weight" select="'bold'"/>
	  <xsl:with-param name="spacing">
	    <xsl:if test="$short-cjk">2.5</xsl:if>
	  </xsl:with-param>
	  <xsl:with-param name="class" select="'holder'"/>
	</xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
	<xsl:variable name="half" select="floor(string-length($holder) div 2)"/>
	<xsl:variable name="after" select="substring($holder, $half + 1)"/>
	<xsl:variable name="cut">
	  <xsl:choose>
	    <xsl:when test="contains($after, ' ')">
	      <xsl:value-of select="$half + string-length(substring-before($after, ' '))"/>
	    </xsl:when>
	    <xsl:otherwise><xsl:value-of select="$half"/></xsl:otherwise>
	  </xsl:choose>
	</xsl:variable>
	<xsl:variable name="first" select="normalize-space(substring($holder, 1, $cut))"/>
	<xsl:variable name="second" select="normalize-space(substring($holder, $cut + 1))"/>
	<xsl:variable name="first-ems">
	  <xsl:call-template name="ems">
	    <xsl:with-param name="text" select="$first"/>
	  </xsl:call-template>
	</xsl:variable>
	<xsl:variable name="longer">
	  <xsl:choose>
	    <xsl:when test="$first-ems &gt;= $ems - $first-ems"><xsl:value-of select="$first"/></xsl:when>
	    <xsl:otherwise><xsl:value-of select="$second"/></xsl:otherwise>
	  </xsl:choose>
	</xsl:variable>
	<xsl:call-template name="line">
	  <xsl:with-param name="text" select="$first"/>
	  <xsl:with-param name="measure" select="$longer"/>
	  <xsl:with-param name="y" select="79.6"/>
	  <xsl:with-param name="size" select="6"/>
	  <xsl:with-param name="width" select="$holder-width"/>
	  <xsl:with-param name="weight" select="'bold'"/>
	  <xsl:with-param name="class" select="'holder'"/>
	</xsl:call-template>
	<xsl:call-template name="line">
	  <xsl:with-param name="text" select="$second"/>
	  <xsl:with-param name="measure" select="$longer"/>
	  <xsl:with-param name="y" select="86.2"/>
	  <xsl:with-param name="size" select="6"/>
	  <xsl:with-param name="width" select="$holder-width"/>
	  <xsl:with-param name="weight" select="'bold'"/>
	  <xsl:with-param name="class" select="'holder'"/>
	</xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:variable name="holder-width" select="220"/>

  <!-- Two columns: field, registration number, serial; issue and expiry. -->
  <xsl:template name="particulars">
    <xsl:param name="part"/>
    <xsl:call-template name="particular">
      <xsl:with-param name="part" select="$part"/>
      <xsl:with-param name="x" select="36"/>
      <xsl:with-param name="y" select="137"/>
      <xsl:with-param name="label" select="'技术领域'"/>
      <xsl:with-param name="label-en" select="'Field'"/>
      <xsl:with-param name="value" select="$field-zh"/>
      <xsl:with-param name="value-en" select="$field-en"/>
    </xsl:call-template>
    <xsl:call-template name="particular">
      <xsl:with-param name="part" select="$part"/>
      <xsl:with-param name="x" select="36"/>
      <xsl:with-param name="y" select="147"/>
      <xsl:with-param name="label" select="'注册编号'"/>
      <xsl:with-param name="label-en" select="'Registration No.'"/>
      <xsl:with-param name="value" select="normalize-space($certificate/@registration)"/>
      <xsl:with-param name="class" select="'registration'"/>
    </xsl:call-template>
    <xsl:call-template name="particular">
      <xsl:with-param name="part" select="$part"/>
      <xsl:with-param name="x" select="36"/>
      <xsl:with-param name="y" select="157"/>
      <xsl:with-param name="label" select="'证书编号'"/>
      <xsl:with-param name="label-en" select="'Certificate Serial No.'"/>
      <xsl:with-param name="value" select="normalize-space($certificate/@serial)"/>
      <xsl:with-param name="class" select="'serial'"/>
    </xsl:call-template>
    <xsl:call-template name="particular">
      <xsl:with-param name="part" select="$part"/>
      <xsl:with-param name="x" select="162"/>
      <xsl:with-param name="y" select="137"/>
      <xsl:with-param name="label" select="'发证日期'"/>
      <xsl:with-param name="label-en" select="'Date of Issue'"/>
      <xsl:with-param name="value">
	<xsl:call-template name="chinese-date">
	  <xsl:with-param name="iso" select="$certificate/@issued"/>
	</xsl:call-template>
      </xsl:with-param>
      <xsl:with-param name="value-en">
	<xsl:call-template name="english-date">
	  <xsl:with-param name="iso" select="$certificate/@issued"/>
	</xsl:call-template>
      </xsl:with-param>
      <xsl:with-param name="class" select="'issued'"/>
    </xsl:call-template>
    <xsl:call-template name="particular">
      <xsl:with-param name="part" select="$part"/>
      <xsl:with-param name="x" select="162"/>
      <xsl:with-param name="y" select="147"/>
      <xsl:with-param name="label" select="'有效期至'"/>
      <xsl:with-param name="label-en" select="'Valid Until'"/>
      <xsl:with-param name="value">
	<xsl:call-template name="chinese-date">
	  <xsl:with-param name="iso" select="$certificate/@expires"/>
	</xsl:call-template>
      </xsl:with-param>
      <xsl:with-param name="value-en">
	<xsl:call-template name="english-date">
	  <xsl:with-param name="iso" select="$certificate/@expires"/>
	</xsl:call-template>
      </xsl:with-param>
      <xsl:with-param name="class" select="'expires'"/>
    </xsl:call-template>
    <xsl:call-template name="particular">
      <xsl:with-param name="part" select="$part"/>
      <xsl:with-param name="x" select="162"/>
      <xsl:with-param name="y" select="157"/>
      <xsl:with-param name="label" select="'会员级别'"/>
      <xsl:with-param name="label-en" select="'Grade'"/>
      <xsl:with-param name="value" select="$level-zh"/>
      <xsl:with-param name="value-en" select="$level-en"/>
    </xsl:call-template>
    <!-- the dotted line under each particular, 5.6 mm under its label's
	 baseline, 98 mm long, one path: each line is a part of its own, so
	 that its dashes start at its left end as a line's would -->
    <xsl:if test="$part = 'ground'">
      <path fill="none" stroke="{$gold}" stroke-width="0.2" stroke-dasharray="0.8 0.8"
	    d="M36 142.6H134M36 152.6H134M36 162.6H134M162 142.6H260M162 152.6H260M162 162.6H260"/>
    </xsl:if>
  </xsl:template>

  <!--
    One particular at (X, Y): the label above its English name on the left
    (28 mm), the value and its English form on the right (up to 70 mm).
  -->
  <xsl:template name="particular">
    <xsl:param name="x"/>
    <xsl:param name="y"/>
    <xsl:param name="label"/>
    <xsl:param name="label-en"/>
    <xsl:param name="value"/>
    <xsl:param name="value-en" select="''"/>
    <xsl:param name="class" select="''"/>
    <xsl:param name="part"/>
    <xsl:if test="$part = 'text'">
      <text x="{$x}" y="{$y}" font-size="3.4" fill="{$grey}"><xsl:value-of select="$label"/></text>
      <text x="{$x}" y="{$y + 3.6}" font-size="2.4" fill="{$grey}" xml:lang="en"><xsl:value-of select="$label-en"/></text>
    </xsl:if>
    <xsl:if test="$part = 'ground'">
      <xsl:call-template name="particular-value">
	<xsl:with-param name="x" select="$x"/>
	<xsl:with-param name="y" select="$y"/>
	<xsl:with-param name="value" select="$value"/>
	<xsl:with-param name="value-en" select="$value-en"/>
	<xsl:with-param name="class" select="$class"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- A particular's value and its English form. -->
  <xsl:template name="particular-value">
    <xsl:param name="x"/>
    <xsl:param name="y"/>
    <xsl:param name="value"/>
    <xsl:param name="value-en"/>
    <xsl:param name="class"/>
    <xsl:call-template name="line">
      <xsl:with-param name="text" select="$value"/>
      <xsl:with-param name="x" select="$x + 28"/>
      <xsl:with-param name="y" select="$y + 0.3"/>
      <xsl:with-param name="anchor" select="'start'"/>
      <xsl:with-param name="size" select="4.4"/>
      <xsl:with-param name="width" select="70"/>
      <xsl:with-param name="weight" select="'bold'"/>
      <xsl:with-param name="class" select="$class"/>
    </xsl:call-template>
    <xsl:if test="$value-en != '' and $value-en != $value">
      <xsl:call-template name="line">
	<xsl:with-param name="text" select="$value-en"/>
	<xsl:with-param name="x" select="$x + 28"/>
	<xsl:with-param name="y" select="$y + 4"/>
	<xsl:with-param name="anchor" select="'start'"/>
	<xsl:with-param name="size" select="2.8"/>
	<xsl:with-param name="width" select="70"/>
	<xsl:with-param name="fill" select="$grey"/>
	<xsl:with-param name="lang" select="'en'"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- The verification code, boxed and large, bottom left. -->
  <xsl:template name="verification">
    <xsl:param name="part"/>
    <xsl:variable name="box-width">
      <xsl:choose>
	<xsl:when test="$qrPath != ''">82</xsl:when>
	<xsl:otherwise>98</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="box-centre" select="36 + $box-width div 2"/>
    <xsl:if test="$part = 'text'">
      <text x="{$box-centre}" y="172.6" text-anchor="middle" font-size="3" fill="{$red}">
	<xsl:text>证书验证码</xsl:text>
	<tspan dx="1.5" font-size="2.5" xml:lang="en">Verification Code</tspan>
      </text>
    </xsl:if>
    <xsl:if test="$part = 'ground'">
      <xsl:call-template name="verification-ground">
	<xsl:with-param name="box-width" select="$box-width"/>
	<xsl:with-param name="box-centre" select="$box-centre"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template name="verification-ground">
    <xsl:param name="box-width"/>
    <xsl:param name="box-centre"/>
    <g class="verification">
      <rect x="36" y="167" width="{$box-width}" height="19" rx="1.5" fill="#ffffff" stroke="{$red}" stroke-width="0.6"/>
      <rect x="37.2" y="168.2" width="{$box-width - 2.4}" height="16.6" rx="1" fill="none" stroke="{$red}" stroke-width="0.2"/>
      <xsl:call-template name="line">
	<xsl:with-param name="text" select="normalize-space($certificate/@verification)"/>
	<xsl:with-param name="x" select="$box-centre"/>
	<xsl:with-param name="y" select="181.5"/>
	<xsl:with-param name="size" select="7"/>
	<xsl:with-param name="width" select="$box-width - 10"/>
	<xsl:with-param name="weight" select="'bold'"/>
	<xsl:with-param name="family" select="$mono"/>
	<xsl:with-param name="spacing" select="'0.6'"/>
	<xsl:with-param name="fill" select="$red"/>
	<xsl:with-param name="class" select="'verification-code'"/>
      </xsl:call-template>
    </g>
    <xsl:if test="$qrPath != ''">
      <xsl:call-template name="qr-code"/>
    </xsl:if>
  </xsl:template>

  <!-- The QR code of the verification address (R11; pipeline/render/qrcode.c
       draws its modules as one path, one unit a module), 20 mm square
       with its quiet zone inside, beside the code, and the address in text
       under both. -->
  <xsl:template name="qr-code">
    <xsl:variable name="side" select="20"/>
    <xsl:variable name="scale" select="$side div ($qrModules + 4)"/>
    <g class="qr-code">
      <rect x="122" y="164" width="{$side}" height="{$side}" fill="#ffffff"/>
      <path fill="#000000" d="{$qrPath}"
	    transform="translate({122 + 2 * $scale} {164 + 2 * $scale}) scale({$scale})"/>
    </g>
    <text class="verification-address" x="36" y="187.7" font-size="1.8" fill="{$grey}"
	  font-family="{$mono}" xml:lang="en">
      <xsl:if test="string-length($qrUrl) * 1.8 * 0.6 &gt; 106">
	<xsl:attribute name="textLength">106</xsl:attribute>
	<xsl:attribute name="lengthAdjust">spacingAndGlyphs</xsl:attribute>
      </xsl:if>
      <xsl:value-of select="$qrUrl"/>
    </text>
  </xsl:template>

  <!-- The issuing society in both languages with a seal, bottom right. -->
  <xsl:template name="issuer">
    <xsl:param name="part"/>
    <xsl:if test="$part = 'text'">
      <xsl:call-template name="issuer-text"/>
    </xsl:if>
    <xsl:call-template name="seal">
      <xsl:with-param name="part" select="$part"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="issuer-text">
    <text x="208" y="170" text-anchor="middle" font-size="2.8" fill="{$grey}">
      <xsl:text>发证机构</xsl:text>
      <tspan dx="1.5" xml:lang="en">Issued by</tspan>
    </text>
    <xsl:call-template name="line">
      <xsl:with-param name="text" select="$issuer-zh"/>
      <xsl:with-param name="x" select="208"/>
      <xsl:with-param name="y" select="177.5"/>
      <xsl:with-param name="size" select="5"/>
      <xsl:with-param name="width" select="80"/>
      <xsl:with-param name="weight" select="'bold'"/>
    </xsl:call-template>
    <xsl:call-template name="line">
      <xsl:with-param name="text" select="$issuer-en"/>
      <xsl:with-param name="x" select="208"/>
      <xsl:with-param name="y" select="182.5"/>
      <xsl:with-param name="size" select="2.8"/>
      <xsl:with-param name="width" select="80"/>
      <xsl:with-param name="lang" select="'en'"/>
    </xsl:call-template>
  </xsl:template>

  <!--
    The policy's seal, drawn with the holder's particulars, or the outline
    seal with the society's code, the same on every certificate of the
    society, drawn with the fixed texts (and hidden under the policy's).
    Its red is at 85 % over the paper, the colour mixed beforehand
    ($seal-red), since only the paper is under it. (Drawn at opacity="0.85"
    as a group, the seal was a transparency group that librsvg draws on a
    surface of its own, where it set the code as the outlines of its
    letters: 2.5 KB of the PDF and about 5 % of a certificate's time, for
    the same colours.) Its rings are filled, not stroked (see frame).
  -->
  <xsl:template name="seal">
    <xsl:param name="part"/>
    <xsl:variable name="image" select="starts-with($seal-src, 'data:image/svg+xml;base64,')"/>
    <xsl:if test="$image and $part = 'ground'">
      <image x="251" y="163" width="24" height="24" xlink:href="{$seal-src}"/>
      <g display="none">
	<xsl:call-template name="outline-seal"/>
      </g>
    </xsl:if>
    <xsl:if test="not($image) and $part = 'text'">
      <xsl:call-template name="outline-seal"/>
    </xsl:if>
  </xsl:template>

  <!-- Two red rings, a star and the society's code, 23 mm across, about
       (263, 175): the circles of radius 11 and 9.6 stroked 0.9 and 0.25 mm
       across, as the rings their strokes cover (see frame). -->
  <xsl:template name="outline-seal">
    <path fill="{$seal-red}" fill-rule="evenodd" d="M274.45 175A11.45 11.45 0 1 0 251.55 175A11.45 11.45 0 1 0 274.45 175ZM273.55 175A10.55 10.55 0 1 0 252.45 175A10.55 10.55 0 1 0 273.55 175ZM272.725 175A9.725 9.725 0 1 0 253.275 175A9.725 9.725 0 1 0 272.725 175ZM272.475 175A9.475 9.475 0 1 0 253.525 175A9.475 9.475 0 1 0 272.475 175Z"/>
    <path d="M0 -5 L1.47 -2.02 L4.76 -1.55 L2.38 0.77 L2.94 4.05 L0 2.5 L-2.94 4.05 L-2.38 0.77 L-4.76 -1.55 L-1.47 -2.02 Z"
	  fill="{$seal-red}" transform="translate(263 172.8) scale(0.8)"/>
    <xsl:call-template name="line">
      <xsl:with-param name="text" select="normalize-space($certificate/@society)"/>
      <xsl:with-param name="x" select="263"/>
      <xsl:with-param name="y" select="181"/>
      <xsl:with-param name="size" select="3"/>
      <xsl:with-param name="width" select="14"/>
      <xsl:with-param name="weight" select="'bold'"/>
      <xsl:with-param name="fill" select="$seal-red"/>
      <xsl:with-param name="lang" select="'en'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="footnote">
    <text x="{$centre}" y="190.6" text-anchor="middle" font-size="2.3" fill="{$grey}">本证书信息可在中国工程师联合体官网及发证学会官方平台凭注册编号和验证码查询核验。</text>
    <text x="{$centre}" y="193.4" text-anchor="middle" font-size="2.1" fill="{$grey}" xml:lang="en">This certificate can be verified online with the registration number and the verification code.</text>
  </xsl:template>

  <!-- ============================================ text that fits == -->

  <xsl:variable name="wide-characters" select="'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@#%&amp;'"/>
  <xsl:variable name="small-characters" select="'abcdefghijklmnopqrstuvwxyz'"/>

  <!--
    The width of TEXT in ems, estimated generously for a bold serif face:
    CJK and other wide characters 1, capitals and digits 0.72, small
    letters 0.56, spaces 0.3, other ASCII 0.5; in a monospace face every
    ASCII character 0.62.
    ecap's renderer offers t:ems (lib/text_ems.c), this same estimate in C
    from the same classes, passed to it: the translate() calls here search
    the long classes for every character of every text fitted. Any change
    of a weight here is a change there (t0240 compares ecap's certificates
    with xsltproc's).
  -->
  <xsl:template name="ems">
    <xsl:param name="text"/>
    <xsl:param name="monospace" select="false()"/>
    <xsl:choose>
      <xsl:when test="function-available('t:ems')">
	<xsl:value-of select="t:ems($text, $monospace, $narrow-characters,
			      $wide-characters, $small-characters)"/>
      </xsl:when>
      <xsl:otherwise>
	<xsl:call-template name="ems-estimated">
	  <xsl:with-param name="text" select="$text"/>
	  <xsl:with-param name="monospace" select="$monospace"/>
	</xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ems in XSLT, where t:ems is not offered (xsltproc). -->
  <xsl:template name="ems-estimated">
    <xsl:param name="text"/>
    <xsl:param name="monospace"/>
    <xsl:variable name="length" select="string-length($text)"/>
    <xsl:variable name="cjk" select="string-length(translate($text, $narrow-characters, ''))"/>
    <xsl:variable name="narrow" select="$length - $cjk"/>
    <xsl:choose>
      <xsl:when test="$monospace">
	<xsl:value-of select="$cjk + 0.62 * $narrow"/>
      </xsl:when>
      <xsl:otherwise>
	<xsl:variable name="wide" select="$length - string-length(translate($text, $wide-characters, ''))"/>
	<xsl:variable name="small" select="$length - string-length(translate($text, $small-characters, ''))"/>
	<xsl:variable name="blank" select="$length - string-length(translate($text, ' ', ''))"/>
	<xsl:value-of select="$cjk + 0.72 * $wide + 0.56 * $small + 0.3 * $blank
			      + 0.5 * ($narrow - $wide - $small - $blank)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!--
    A <text> of TEXT at (X, Y), at most SIZE, fitted into WIDTH: the size is
    chosen from the estimated width of MEASURE (TEXT unless given; lines that
    belong together measure the same text to share a size), plus SPACING per
    character, in quarter-millimetre steps down to 45% of SIZE. A text still
    too wide at that size is compressed horizontally to WIDTH with a scale
    transform (textLength is not honoured by every renderer). Nothing is
    written for an empty TEXT.
  -->
  <xsl:template name="line">
    <xsl:param name="text"/>
    <xsl:param name="measure" select="$text"/>
    <xsl:param name="x" select="$centre"/>
    <xsl:param name="y"/>
    <xsl:param name="anchor" select="'middle'"/>
    <xsl:param name="size"/>
    <xsl:param name="width"/>
    <xsl:param name="spacing" select="''"/>
    <xsl:param name="weight" select="''"/>
    <xsl:param name="style" select="''"/>
    <xsl:param name="family" select="''"/>
    <xsl:param name="fill" select="''"/>
    <xsl:param name="lang" select="''"/>
    <xsl:param name="class" select="''"/>
    <xsl:variable name="content" select="normalize-space($text)"/>
    <xsl:variable name="measured" select="normalize-space($measure)"/>
    <!-- the ems template's choice made inline: a template call costs
	 about as much as t:ems -->
    <xsl:variable name="ems">
      <xsl:choose>
	<xsl:when test="function-available('t:ems')">
	  <xsl:value-of select="t:ems($measured, $family = $mono, $narrow-characters,
				$wide-characters, $small-characters)"/>
	</xsl:when>
	<xsl:otherwise>
	  <xsl:call-template name="ems-estimated">
	    <xsl:with-param name="text" select="$measured"/>
	    <xsl:with-param name="monospace" select="$family = $mono"/>
	  </xsl:call-template>
	</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="letter-spacing">
      <xsl:choose>
	<xsl:when test="string(number($spacing)) != 'NaN'"><xsl:value-of select="number($spacing)"/></xsl:when>
	<xsl:otherwise>0</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="room" select="$width - $letter-spacing * string-length($measured)"/>
    <xsl:variable name="smallest" select="floor($size * 0.45 * 4) div 4"/>
    <!-- spaced out only when the spacing leaves room at the smallest size -->
    <xsl:variable name="spaced" select="$letter-spacing &gt; 0 and $room &gt;= $ems * $smallest"/>
    <xsl:variable name="available">
      <xsl:choose>
	<xsl:when test="$spaced"><xsl:value-of select="$room"/></xsl:when>
	<xsl:otherwise><xsl:value-of select="$width"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="ideal" select="$available div $ems"/>
    <xsl:variable name="fitted">
      <xsl:choose>
	<xsl:when test="$ems = 0 or $ideal &gt;= $size"><xsl:value-of select="$size"/></xsl:when>
	<xsl:when test="$ideal &gt;= $smallest"><xsl:value-of select="floor($ideal * 4) div 4"/></xsl:when>
	<xsl:otherwise><xsl:value-of select="$smallest"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="squeeze" select="$ems &gt; 0 and $ideal &lt; $smallest"/>
    <xsl:if test="$content != ''">
      <text text-anchor="{$anchor}" font-size="{$fitted}">
	<xsl:choose>
	  <xsl:when test="$squeeze">
	    <xsl:attribute name="x">0</xsl:attribute>
	    <xsl:attribute name="y">0</xsl:attribute>
	    <xsl:attribute name="transform">
	      <xsl:value-of select="concat('translate(', $x, ' ', $y, ') scale(',
				    floor($width div ($ems * $smallest) * 1000) div 1000, ' 1)')"/>
	    </xsl:attribute>
	  </xsl:when>
	  <xsl:otherwise>
	    <xsl:attribute name="x"><xsl:value-of select="$x"/></xsl:attribute>
	    <xsl:attribute name="y"><xsl:value-of select="$y"/></xsl:attribute>
	  </xsl:otherwise>
	</xsl:choose>
	<xsl:if test="$spaced">
	  <xsl:attribute name="letter-spacing"><xsl:value-of select="$letter-spacing"/></xsl:attribute>
	</xsl:if>
	<xsl:if test="$weight != ''">
	  <xsl:attribute name="font-weight"><xsl:value-of select="$weight"/></xsl:attribute>
	</xsl:if>
	<xsl:if test="$style != ''">
	  <xsl:attribute name="font-style"><xsl:value-of select="$style"/></xsl:attribute>
	</xsl:if>
	<xsl:if test="$family != ''">
	  <xsl:attribute name="font-family"><xsl:value-of select="$family"/></xsl:attribute>
	</xsl:if>
	<xsl:if test="$fill != ''">
	  <xsl:attribute name="fill"><xsl:value-of select="$fill"/></xsl:attribute>
	</xsl:if>
	<xsl:if test="$lang != ''">
	  <xsl:attribute name="xml:lang"><xsl:value-of select="$lang"/></xsl:attribute>
	</xsl:if>
	<xsl:if test="$class != ''">
	  <xsl:attribute name="class"><xsl:value-of select="$class"/></xsl:attribute>
	</xsl:if>
	<xsl:value-of select="$content"/>
      </text>
    </xsl:if>
  </xsl:template>

  <xsl:variable name="month-names"
		select="' 01:January 02:February 03:March 04:April 05:May 06:June 07:July 08:August 09:September 10:October 11:November 12:December '"/>

  <!-- 2026-12-11 -> 11 December 2026; anything else as it is. -->
  <xsl:template name="english-date">
    <xsl:param name="iso"/>
    <xsl:variable name="day" select="substring(normalize-space($iso), 1, 10)"/>
    <xsl:variable name="month"
		  select="substring-before(substring-after($month-names,
			  concat(' ', substring($day, 6, 2), ':')), ' ')"/>
    <xsl:choose>
      <xsl:when test="string-length($day) = 10 and $month != ''
		      and string(number(substring($day, 9, 2))) != 'NaN'
		      and string(number(substring($day, 1, 4))) != 'NaN'">
	<xsl:value-of select="concat(number(substring($day, 9, 2)), ' ', $month, ' ', substring($day, 1, 4))"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="normalize-space($iso)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
