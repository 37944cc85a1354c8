<?xml version="1.0" encoding="UTF-8"?>
<!--
  letter-status.xsl - the letter to a certificate holder about a change of
  the certificate's status (暂停, 恢复, 注销, 撤销, 到期失效) as a letter
  document (xsd/letter.xsd), its words once; letter-xhtml.xsl and
  letter-text.xsl render it (notice-status.xsl, notice-status-text.xsl),
  written to out/notices/<registration>/NN-status.*.

  Rendered from a registerChange document (doc/dossier.md, "Documents
  outside the dossier"), not from a dossier; it takes no parameter. It
  gives the change, its date, the decision's reference and reason, what it
  means for the holder and, for a revocation for fraud, that the holder may
  never apply again (Q14). The holder's ID number is shown only as the
  change's @idMasked.
  The frame of letter-common.xsl is reused: the lookups it reads (society,
  name, date, reference) are redefined here from the change, which takes
  precedence over the imported definitions, and so are the particulars.
-->
<xsl:stylesheet version="1.0"
		xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
		xmlns:e="urn:ecap:1"
		xmlns:l="urn:ecap:letter:1"
		exclude-result-prefixes="e">

  <xsl:import href="letter-common.xsl"/>

  <!-- A register change (notice-status*.xsl): the document's root. -->
  <xsl:variable name="register-change" select="/e:registerChange"/>

  <xsl:variable name="change-action" select="normalize-space($register-change/@action)"/>

  <xsl:variable name="change-action-name">
    <xsl:call-template name="status-action-name">
      <xsl:with-param name="code" select="$change-action"/>
    </xsl:call-template>
  </xsl:variable>

  <xsl:variable name="change-banned"
		select="$change-action = 'revoke' and $register-change/@fraud = 'true'"/>

  <xsl:variable name="change-title">
    <xsl:choose>
      <xsl:when test="$change-action = 'expire'">工程会员证书到期失效通知</xsl:when>
      <xsl:when test="string-length($change-action-name) = 2">
	<xsl:value-of select="concat('工程会员证书', $change-action-name, '通知')"/>
      </xsl:when>
      <xsl:otherwise>工程会员证书状态变更通知</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <!-- "（证书编号：CSEE-000123-1，注册编号：CSEE-000123）" with what is known. -->
  <xsl:variable name="change-certificate-phrase">
    <xsl:variable name="serial" select="normalize-space($register-change/@serial)"/>
    <xsl:variable name="registration" select="normalize-space($register-change/@registration)"/>
    <xsl:if test="$serial != '' or $registration != ''">
      <xsl:text>（</xsl:text>
      <xsl:if test="$serial != ''">
	<xsl:value-of select="concat('证书编号：', $serial)"/>
      </xsl:if>
      <xsl:if test="$serial != '' and $registration != ''">，</xsl:if>
      <xsl:if test="$registration != ''">
	<xsl:value-of select="concat('注册编号：', $registration)"/>
      </xsl:if>
      <xsl:text>）</xsl:text>
    </xsl:if>
  </xsl:variable>

  <!-- The first paragraph: what was decided, from when. -->
  <xsl:template name="change-opening">
    <xsl:variable name="date">
      <xsl:call-template name="chinese-date">
	<xsl:with-param name="iso" select="$register-change/@date"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$change-action = 'expire'">
	<xsl:value-of select="concat('您的工程会员证书', $change-certificate-phrase, '有效期已届满，自', $date, '起失效。')"/>
      </xsl:when>
      <xsl:when test="$change-action = 'restore'">
	<xsl:value-of select="concat('根据工程会员证书管理的有关规定，本学会决定自', $date, '起恢复您的工程会员证书', $change-certificate-phrase, '，证书恢复有效。')"/>
      </xsl:when>
      <xsl:otherwise>
	<xsl:value-of select="concat('根据工程会员证书管理的有关规定，本学会决定自', $date, '起', $change-action-name, '您的工程会员证书', $change-certificate-phrase, '。')"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- What the change means for the holder. -->
  <xsl:template name="change-effect">
    <xsl:choose>
      <xsl:when test="$change-action = 'suspend'">证书暂停期间，证书状态显示为“暂停”，您不得以工程会员的名义对外使用该证书。导致暂停的情形消除后，您可以向本学会申请恢复；经审核同意后，本学会将恢复证书并书面通知您。</xsl:when>
      <xsl:when test="$change-action = 'restore'">自恢复之日起，您的证书可以正常使用。请继续按要求完成每年的持续职业发展活动。</xsl:when>
      <xsl:when test="$change-action = 'cancel'">证书注销后不再有效，请停止使用。如今后仍希望取得工程会员资格，可按规定重新提出工程能力评价申请。</xsl:when>
      <xsl:when test="$change-action = 'revoke'">证书撤销后不再有效，请立即停止以工程会员的名义对外使用该证书。</xsl:when>
      <xsl:when test="$change-action = 'expire'">证书失效后不再有效。如您希望继续保持工程会员资格，可在规定期限内申请再注册（须满足证书有效期内每年的持续职业发展学时要求），或重新提出工程能力评价申请。</xsl:when>
      <xsl:otherwise>证书的状态已按上述情况变更。</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:variable name="change-ban-text">根据工程能力评价的有关规定，对提供虚假佐证材料或其他信息、违背工程伦理和道德学风的，一经发现即终身取消申请工程会员的资格。自本决定之日起，本学会将不再受理您提出的工程能力评价申请。</xsl:variable>

  <xsl:variable name="change-public-text">根据规定，本次证书状态变更将向社会公示，并向中国工程师联合体通报。公众可在中国工程师联合体官网和本学会官方平台查询证书的当前状态。</xsl:variable>

  <!-- What a request for reconsideration names: "注册编号 …、决定文号 … ". -->
  <xsl:template name="change-cite">
    <xsl:choose>
      <xsl:when test="normalize-space($register-change/@registration) != ''">
	<xsl:value-of select="concat('注册编号 ', normalize-space($register-change/@registration))"/>
	<xsl:if test="normalize-space($register-change/@reference) != ''">
	  <xsl:value-of select="concat('、决定文号 ', normalize-space($register-change/@reference))"/>
	</xsl:if>
	<xsl:text> </xsl:text>
      </xsl:when>
      <xsl:otherwise>注册编号</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="change-contact">
    <xsl:text>如您对本决定有异议，或有需要说明的情况，请以书面形式向本学会提出</xsl:text>
    <xsl:if test="normalize-space($register-change/@registration) != ''">
      <xsl:value-of select="concat('，并注明注册编号 ', normalize-space($register-change/@registration))"/>
      <xsl:if test="normalize-space($register-change/@reference) != ''">
	<xsl:value-of select="concat(' 和决定文号 ', normalize-space($register-change/@reference))"/>
      </xsl:if>
    </xsl:if>
    <xsl:text>。</xsl:text>
  </xsl:template>
  <!-- ======================================== lookups, redefined == -->

  <xsl:variable name="society-name" select="normalize-space($register-change/@societyName)"/>
  <xsl:variable name="society-name-en" select="normalize-space($register-change/@societyNameEn)"/>
  <xsl:variable name="applicant-name" select="normalize-space($register-change/@name)"/>
  <xsl:variable name="application-id" select="''"/>

  <xsl:variable name="notice-date">
    <xsl:call-template name="chinese-date">
      <xsl:with-param name="iso" select="$register-change/@date"/>
    </xsl:call-template>
  </xsl:variable>

  <!-- The letter's reference: registration number and change number. -->
  <xsl:variable name="reference">
    <xsl:value-of select="normalize-space($register-change/@registration)"/>
    <xsl:if test="normalize-space($register-change/@seq) != ''">
      <xsl:text>-</xsl:text>
      <xsl:choose>
	<xsl:when test="string(number($register-change/@seq)) != 'NaN'">
	  <xsl:value-of select="format-number($register-change/@seq, '00')"/>
	</xsl:when>
	<xsl:otherwise><xsl:value-of select="$register-change/@seq"/></xsl:otherwise>
      </xsl:choose>
    </xsl:if>
  </xsl:variable>

  <xsl:variable name="level-name">
    <xsl:call-template name="level-name">
      <xsl:with-param name="code" select="normalize-space($register-change/@level)"/>
    </xsl:call-template>
  </xsl:variable>

  <xsl:variable name="field-name">
    <xsl:choose>
      <xsl:when test="normalize-space($register-change/@fieldName) != ''">
	<xsl:value-of select="normalize-space($register-change/@fieldName)"/>
      </xsl:when>
      <xsl:otherwise>
	<xsl:value-of select="normalize-space($register-change/@field)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <!-- ================================================== the letter == -->

  <xsl:template match="/" mode="letter">
    <xsl:if test="not($register-change)">
      <xsl:message terminate="yes">notice-status: the document is not an ecap registerChange</xsl:message>
    </xsl:if>
    <xsl:call-template name="letter">
      <xsl:with-param name="kind" select="'status'"/>
      <xsl:with-param name="title" select="$change-title"/>
      <xsl:with-param name="body">
	<xsl:call-template name="status-body"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- The holder and the certificate, in place of the applicant's particulars. -->
  <xsl:template name="letter-particulars">
    <xsl:call-template name="field">
      <xsl:with-param name="label" select="'持证人'"/>
      <xsl:with-param name="short" select="'持 证 人'"/>
      <xsl:with-param name="value">
	<xsl:choose>
	  <xsl:when test="$applicant-name != ''"><xsl:value-of select="$applicant-name"/></xsl:when>
	  <xsl:otherwise>（姓名不详）</xsl:otherwise>
	</xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="field">
      <xsl:with-param name="label" select="'证件号码'"/>
      <xsl:with-param name="value" select="string($register-change/@idMasked)"/>
    </xsl:call-template>
    <xsl:call-template name="field">
      <xsl:with-param name="label" select="'注册编号'"/>
      <xsl:with-param name="value" select="string($register-change/@registration)"/>
    </xsl:call-template>
    <xsl:call-template name="field">
      <xsl:with-param name="label" select="'证书编号'"/>
      <xsl:with-param name="value" select="string($register-change/@serial)"/>
    </xsl:call-template>
    <xsl:call-template name="field">
      <xsl:with-param name="label" select="'会员级别'"/>
      <xsl:with-param name="value" select="$level-name"/>
    </xsl:call-template>
    <xsl:call-template name="field">
      <xsl:with-param name="label" select="'工程技术领域'"/>
      <xsl:with-param name="short" select="'技术领域'"/>
      <xsl:with-param name="value" select="$field-name"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="status-body">
    <l:paragraph><xsl:call-template name="change-opening"/></l:paragraph>

    <l:section>
      <l:heading>一、变更情况</l:heading>
      <l:fields class="data change">
	<xsl:call-template name="field">
	  <xsl:with-param name="label" select="'变更事项'"/>
	  <xsl:with-param name="value" select="$change-action-name"/>
	</xsl:call-template>
	<xsl:call-template name="field">
	  <xsl:with-param name="label" select="'变更前状态'"/>
	  <xsl:with-param name="short" select="'原 状 态'"/>
	  <xsl:with-param name="value">
	    <xsl:call-template name="certificate-status-name">
	      <xsl:with-param name="code" select="normalize-space($register-change/@from)"/>
	    </xsl:call-template>
	  </xsl:with-param>
	</xsl:call-template>
	<xsl:call-template name="field">
	  <xsl:with-param name="label" select="'变更后状态'"/>
	  <xsl:with-param name="short" select="'现 状 态'"/>
	  <xsl:with-param name="value">
	    <xsl:call-template name="certificate-status-name">
	      <xsl:with-param name="code" select="normalize-space($register-change/@to)"/>
	    </xsl:call-template>
	  </xsl:with-param>
	</xsl:call-template>
	<xsl:call-template name="field">
	  <xsl:with-param name="label" select="'生效日期'"/>
	  <xsl:with-param name="value" select="$notice-date"/>
	</xsl:call-template>
	<xsl:call-template name="field">
	  <xsl:with-param name="label" select="'决定文号'"/>
	  <xsl:with-param name="value" select="normalize-space($register-change/@reference)"/>
	</xsl:call-template>
      </l:fields>
    </l:section>

    <xsl:if test="normalize-space($register-change) != ''">
      <l:section>
	<l:heading>二、原因</l:heading>
	<l:paragraph><xsl:value-of select="normalize-space($register-change)"/></l:paragraph>
      </l:section>
    </xsl:if>

    <l:section>
      <l:heading>
	<xsl:choose>
	  <xsl:when test="normalize-space($register-change) != ''">三、</xsl:when>
	  <xsl:otherwise>二、</xsl:otherwise>
	</xsl:choose>
	<xsl:text>有关事项</xsl:text>
      </l:heading>
      <l:paragraph><xsl:call-template name="change-effect"/></l:paragraph>
      <xsl:if test="$change-banned">
	<l:paragraph class="ban"><l:strong><xsl:value-of select="$change-ban-text"/></l:strong></l:paragraph>
      </xsl:if>
      <l:paragraph><xsl:value-of select="$change-public-text"/></l:paragraph>
      <!-- a revocation is a final decision: its reconsideration route is
	   how to object, not said twice -->
      <xsl:choose>
	<xsl:when test="$change-action = 'revoke'">
	  <xsl:call-template name="final-decision-routes">
	    <xsl:with-param name="cite">
	      <xsl:call-template name="change-cite"/>
	    </xsl:with-param>
	  </xsl:call-template>
	</xsl:when>
	<xsl:otherwise>
	  <l:paragraph><xsl:call-template name="change-contact"/></l:paragraph>
	</xsl:otherwise>
      </xsl:choose>
    </l:section>
  </xsl:template>

</xsl:stylesheet>
