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
		xmlns:exsl="http://exslt.org/common"
		exclude-result-prefixes="e exsl">

  <xsl:import href="notice-lookups.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <!--
    The policy's words a letter carries (formats.md §3), given by the caller
    (pipeline/letters.c from the run's policy; ecap render with its policy option):
    how to reach the society (contact), who signs (signatory), where the
    federation takes written feedback (feedback), and the days within which
    a final decision may be brought to reconsideration (R12). Empty values
    leave their words out.
  -->
  <xsl:param name="contact-address" select="''"/>
  <xsl:param name="contact-postcode" select="''"/>
  <xsl:param name="contact-phone" select="''"/>
  <xsl:param name="contact-email" select="''"/>
  <xsl:param name="contact-web" select="''"/>
  <xsl:param name="signatory-name" select="''"/>
  <xsl:param name="signatory-title" select="''"/>
  <!-- The policy's seal as a data: URI (pipeline/render/seal.h), drawn over
       the signature; '' for none. Only a data: URI: a letter loads nothing. -->
  <xsl:param name="seal-src" select="''"/>
  <xsl:param name="feedback-name" select="''"/>
  <xsl:param name="feedback-address" select="''"/>
  <xsl:param name="feedback-postcode" select="''"/>
  <xsl:param name="feedback-email" select="''"/>
  <xsl:param name="reconsideration-days" select="'30'"/>

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
    <xsl:variable name="appendix-items" select="exsl:node-set($body)//l:appendix-item"/>
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
      <l:body>
	<!-- the appendix's items are taken out of the body node by node;
	     a body without any (most letters) is copied whole, at a fraction
	     of the cost -->
	<xsl:choose>
	  <xsl:when test="$appendix-items">
	    <xsl:apply-templates select="exsl:node-set($body)/node()" mode="body-copy"/>
	  </xsl:when>
	  <xsl:otherwise>
	    <xsl:copy-of select="exsl:node-set($body)/node()"/>
	  </xsl:otherwise>
	</xsl:choose>
      </l:body>
      <!-- one closing paragraph: "特此通知" before "此致 敬礼" said the
	   same thing twice -->
      <l:closing>
	<l:paragraph>
	  <xsl:value-of select="concat('如对本通知有疑问，请与', $signatory, '联系')"/>
	  <xsl:if test="$application-id != ''">
	    <xsl:value-of select="concat('（请注明申请编号 ', $application-id, '）')"/>
	  </xsl:if>
	  <xsl:call-template name="contact-sentence"/>
	</l:paragraph>
	<l:regards>此致</l:regards>
	<l:salute>敬礼！</l:salute>
      </l:closing>
      <l:signature>
	<xsl:if test="starts-with($seal-src, 'data:image/svg+xml;base64,')">
	  <xsl:attribute name="seal"><xsl:value-of select="$seal-src"/></xsl:attribute>
	</xsl:if>
	<l:name><xsl:value-of select="$signatory"/></l:name>
	<xsl:if test="normalize-space($signatory-name) != ''">
	  <l:signatory>
	    <xsl:value-of select="normalize-space(concat($signatory-title, ' ', $signatory-name))"/>
	  </l:signatory>
	</xsl:if>
	<l:date><xsl:value-of select="$notice-date"/></l:date>
      </l:signature>
      <xsl:if test="$appendix-items">
	<l:appendix>
	  <l:section>
	    <l:heading>附：技术说明</l:heading>
	    <l:paragraph>以下是上文所列问题的技术细节，供您或协助您制作材料的技术人员查找和改正时参考。</l:paragraph>
	    <l:list numbered="yes" class="technical">
	      <xsl:for-each select="$appendix-items">
		<l:item><xsl:value-of select="."/></l:item>
	      </xsl:for-each>
	    </l:list>
	  </l:section>
	</l:appendix>
      </xsl:if>
    </l:letter>
  </xsl:template>

  <!--
    How to reach the society, from the policy's contact, ending the
    sentence before it: "：通信地址 …（邮编 …），电话 …，电子邮箱 …，网址 …。";
    "。" alone when the policy gives none.
  -->
  <xsl:template name="contact-sentence">
    <xsl:variable name="parts">
      <xsl:if test="normalize-space($contact-address) != ''">
	<xsl:value-of select="concat('，通信地址 ', normalize-space($contact-address))"/>
	<xsl:if test="normalize-space($contact-postcode) != ''">
	  <xsl:value-of select="concat('（邮编 ', normalize-space($contact-postcode), '）')"/>
	</xsl:if>
      </xsl:if>
      <xsl:if test="normalize-space($contact-phone) != ''">
	<xsl:value-of select="concat('，电话 ', normalize-space($contact-phone))"/>
      </xsl:if>
      <xsl:if test="normalize-space($contact-email) != ''">
	<xsl:value-of select="concat('，电子邮箱 ', normalize-space($contact-email))"/>
      </xsl:if>
      <xsl:if test="normalize-space($contact-web) != ''">
	<xsl:value-of select="concat('，网址 ', normalize-space($contact-web))"/>
      </xsl:if>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="string($parts) != ''">
	<xsl:value-of select="concat('：', substring(string($parts), 2), '。')"/>
      </xsl:when>
      <xsl:otherwise>。</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!--
    What a final decision (rejection, failure, revocation, a confirmed
    reconsideration) adds (R9, R12, Q40): how to ask the society for
    reconsideration, in writing within the policy's days, and that written
    feedback may go to the federation's committee (policy feedback).
    Two paragraphs, for the caller's section. CITE: what the request names
    (the application's number unless given).
  -->
  <xsl:template name="final-decision-routes">
    <xsl:param name="confirmed" select="false()"/>
    <xsl:param name="cite" select="'申请编号'"/>
    <xsl:if test="not($confirmed)">
      <l:paragraph class="routes">
	<xsl:value-of select="concat('如对本决定有异议，您可以自本通知日期起', $reconsideration-days,
			      '日内，以书面形式向本学会提出复核申请')"/>
	<xsl:if test="normalize-space($contact-address) != '' or normalize-space($contact-email) != ''">
	  <xsl:text>（寄送至文末所列的地址或电子邮箱）</xsl:text>
	</xsl:if>
	<xsl:value-of select="concat('，写明', $cite, '和理由并附证明材料；本学会核查后将书面通知复核结果。')"/>
      </l:paragraph>
    </xsl:if>
    <xsl:if test="normalize-space($feedback-name) != ''">
      <l:paragraph class="routes">
	<xsl:value-of select="concat('对本学会评价工作的意见，也可以书面反映至', normalize-space($feedback-name))"/>
	<xsl:variable name="where">
	  <xsl:if test="normalize-space($feedback-address) != ''">
	    <xsl:value-of select="concat('，通信地址 ', normalize-space($feedback-address))"/>
	    <xsl:if test="normalize-space($feedback-postcode) != ''">
	      <xsl:value-of select="concat('，邮政编码 ', normalize-space($feedback-postcode))"/>
	    </xsl:if>
	  </xsl:if>
	  <xsl:if test="normalize-space($feedback-email) != ''">
	    <xsl:value-of select="concat('，电子邮箱 ', normalize-space($feedback-email))"/>
	  </xsl:if>
	</xsl:variable>
	<xsl:if test="string($where) != ''">
	  <xsl:value-of select="concat('（', substring(string($where), 2), '）')"/>
	</xsl:if>
	<xsl:text>。</xsl:text>
      </l:paragraph>
    </xsl:if>
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

  <!-- Who and what the letter is about; rows that are unknown are left
       out. The date is the signature's. -->
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
  </xsl:template>

  <!--
    The body as a builder gave it, without the appendix items it marked
    (l:appendix-item, collected into the appendix by template "letter").
  -->
  <xsl:template match="l:appendix-item" mode="body-copy"/>
  <xsl:template match="@* | node()" mode="body-copy">
    <xsl:copy>
      <xsl:apply-templates select="@* | node()" mode="body-copy"/>
    </xsl:copy>
  </xsl:template>

  <!--
    Every reason of REASONS, numbered: its heading, then its own text. A
    reason whose text is technical (technical-advice has plain words for its
    code) says those plain words, and its text goes to the appendix
    (技术说明) as an l:appendix-item naming the reason's number (R9).
    The same point is told once (R9: "the same comment is never repeated"):
    reasons with the same heading and the same plain words (several schema
    messages of one form, say) are one item, whose technical texts all go
    to the appendix under its number.
  -->
  <xsl:template name="letter-reasons">
    <xsl:param name="reasons" select="$validation/e:reason"/>
    <!-- each reason as its heading, its plain words and its own text -->
    <xsl:variable name="told">
      <xsl:for-each select="$reasons">
	<xsl:variable name="advice">
	  <xsl:call-template name="technical-advice">
	    <xsl:with-param name="code" select="string(@code)"/>
	  </xsl:call-template>
	</xsl:variable>
	<l:reason technical="{normalize-space(.)}">
	  <xsl:attribute name="title"><xsl:call-template name="reason-title"/></xsl:attribute>
	  <xsl:attribute name="plain">
	    <xsl:choose>
	      <xsl:when test="string($advice) != ''"><xsl:value-of select="$advice"/></xsl:when>
	      <xsl:otherwise><xsl:value-of select="normalize-space(.)"/></xsl:otherwise>
	    </xsl:choose>
	  </xsl:attribute>
	  <xsl:if test="string($advice) != ''">
	    <xsl:attribute name="advised">yes</xsl:attribute>
	  </xsl:if>
	</l:reason>
      </xsl:for-each>
    </xsl:variable>
    <!-- the first of each point, with the technical texts of all its reasons -->
    <xsl:variable name="points">
      <xsl:for-each select="exsl:node-set($told)/l:reason">
	<xsl:if test="not(preceding-sibling::l:reason[@title = current()/@title
						      and @plain = current()/@plain])">
	  <xsl:copy>
	    <xsl:copy-of select="@*"/>
	    <xsl:for-each select="../l:reason[@title = current()/@title and @plain = current()/@plain]
				  [@advised = 'yes' and @technical != '']">
	      <l:technical><xsl:value-of select="@technical"/></l:technical>
	    </xsl:for-each>
	  </xsl:copy>
	</xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <l:list numbered="yes" class="reasons">
      <xsl:for-each select="exsl:node-set($points)/l:reason">
	<xsl:variable name="number" select="position()"/>
	<xsl:variable name="title" select="string(@title)"/>
	<l:item>
	  <l:heading><xsl:value-of select="$title"/></l:heading>
	  <xsl:if test="@plain != ''">
	    <l:detail>
	      <xsl:value-of select="@plain"/>
	      <xsl:if test="l:technical">技术细节见文末“技术说明”。</xsl:if>
	    </l:detail>
	  </xsl:if>
	  <xsl:for-each select="l:technical">
	    <l:appendix-item>
	      <xsl:value-of select="concat('第 ', $number, ' 项（', $title, '）：', .)"/>
	    </l:appendix-item>
	  </xsl:for-each>
	</l:item>
      </xsl:for-each>
    </l:list>
  </xsl:template>

  <!--
    What to do, in plain words, about a reason whose own text is technical
    (a schema message of the XML parser, SHA-256 values, the check-digit
    arithmetic of an ID number); empty for the other codes, whose text is
    plain already.
  -->
  <xsl:template name="technical-advice">
    <xsl:param name="code"/>
    <xsl:choose>
      <xsl:when test="$code = 'schema'">申请表中有内容不符合填写规范（例如超过规定长度、日期或编号格式不对、缺少必填项）。请使用本学会提供的申请表模板或填报工具重新填写并核对后提交。</xsl:when>
      <xsl:when test="$code = 'xml-malformed'">申请表文件已损坏，或不是用本学会提供的申请表模板或填报工具生成的，无法读取。请用模板或填报工具重新生成申请表文件。</xsl:when>
      <xsl:when test="$code = 'evidence-checksum'">材料包中的佐证材料与申请表中登记的文件不一致，文件可能在登记后被修改或替换。请在填报工具中重新登记全部佐证材料后，连同申请表一并重新打包提交。</xsl:when>
      <xsl:when test="$code = 'identity-invalid'">申请表中填写的身份证件号码未通过号码校验，可能有数字填错或漏填。请对照证件核对号码。</xsl:when>
      <xsl:when test="$code = 'archive-unreadable'">材料包文件已损坏，或不是规定的压缩格式，无法打开。请重新制作材料包（ZIP 格式）后提交。</xsl:when>
    </xsl:choose>
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

  <!--
    "您于2026年11月23日提交的": the form's own submitted date (R9), not the
    day the package arrived; "您提交的" when the form could not be read.
  -->
  <xsl:template name="submitted-phrase">
    <xsl:choose>
      <xsl:when test="normalize-space($application/@submitted) != ''">
	<xsl:text>您于</xsl:text>
	<xsl:call-template name="chinese-date">
	  <xsl:with-param name="iso" select="$application/@submitted"/>
	</xsl:call-template>
	<xsl:text>提交的</xsl:text>
      </xsl:when>
      <xsl:otherwise>您提交的</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!--
    "本学会已于2026年11月24日收到": the date of the run that took the
    package (the submission's received date); "本学会已收悉" when unknown.
  -->
  <xsl:template name="received-phrase">
    <xsl:choose>
      <xsl:when test="normalize-space($submission/@received) != ''">
	<xsl:text>，本学会已于</xsl:text>
	<xsl:call-template name="chinese-date">
	  <xsl:with-param name="iso" select="$submission/@received"/>
	</xsl:call-template>
	<xsl:text>收到</xsl:text>
      </xsl:when>
      <xsl:otherwise>已收悉</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "工程能力评价申请": its number and level are in the particulars
       just above, not said again. -->
  <xsl:template name="application-phrase">
    <xsl:text>工程能力评价申请</xsl:text>
  </xsl:template>

</xsl:stylesheet>
