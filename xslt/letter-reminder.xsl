<?xml version="1.0" encoding="UTF-8"?>
<!--
  letter-reminder.xsl - the reminder before a certificate's expiry
  (再注册提醒, process.md R9) as a letter document (xsd/letter.xsd), its
  words once; letter-xhtml.xsl and letter-text.xsl render it
  (notice-reminder.xsl, notice-reminder-text.xsl), written to
  out/notices/<registration>/NN-reminder.*.

  Rendered from a registerChange document of action "remind" that the
  run's reminder sweep makes (register.c register_remind; doc/dossier.md),
  carrying the certificate's @expires, the renewal window the policy gives
  (@renewFrom, @renewUntil: policy certificate renewFromMonths and
  renewUntilMonths around the expiry) and the CPD hours a year re-registration
  needs (@cpdHoursPerYear, R8). It tells the certificate, its expiry, the
  window, what re-registration needs and how to apply.
  The frame, lookups and particulars are letter-status.xsl's (the same
  holder and certificate); only the title and the body differ.
-->
<xsl:stylesheet version="1.0"
		xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
		xmlns:e="urn:ecap:1"
		xmlns:l="urn:ecap:letter:1"
		exclude-result-prefixes="e">

  <xsl:import href="letter-status.xsl"/>

  <xsl:variable name="reminder" select="/e:registerChange[@action = 'remind']"/>

  <xsl:template name="reminder-date">
    <xsl:param name="iso"/>
    <xsl:call-template name="chinese-date">
      <xsl:with-param name="iso" select="$iso"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:variable name="reminder-expires">
    <xsl:call-template name="reminder-date">
      <xsl:with-param name="iso" select="$reminder/@expires"/>
    </xsl:call-template>
  </xsl:variable>

  <xsl:variable name="reminder-from">
    <xsl:call-template name="reminder-date">
      <xsl:with-param name="iso" select="$reminder/@renewFrom"/>
    </xsl:call-template>
  </xsl:variable>

  <xsl:variable name="reminder-until">
    <xsl:call-template name="reminder-date">
      <xsl:with-param name="iso" select="$reminder/@renewUntil"/>
    </xsl:call-template>
  </xsl:variable>

  <xsl:template match="/" mode="letter">
    <xsl:if test="not($reminder)">
      <xsl:message terminate="yes">notice-reminder: the document is not an ecap registerChange of action remind</xsl:message>
    </xsl:if>
    <xsl:call-template name="letter">
      <xsl:with-param name="kind" select="'reminder'"/>
      <xsl:with-param name="title" select="'工程会员证书到期及再注册提醒'"/>
      <xsl:with-param name="body">
	<xsl:call-template name="reminder-body"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="reminder-body">
    <l:paragraph>
      <xsl:value-of select="concat('您的工程会员证书', $change-certificate-phrase, '将于', $reminder-expires, '有效期届满。为保持工程会员资格，请在规定期限内申请再注册。')"/>
    </l:paragraph>

    <l:section>
      <l:heading>一、证书及再注册期限</l:heading>
      <l:fields class="data reminder">
	<xsl:call-template name="field">
	  <xsl:with-param name="label" select="'证书编号'"/>
	  <xsl:with-param name="value" select="normalize-space($reminder/@serial)"/>
	</xsl:call-template>
	<xsl:call-template name="field">
	  <xsl:with-param name="label" select="'会员级别'"/>
	  <xsl:with-param name="value" select="$level-name"/>
	</xsl:call-template>
	<xsl:call-template name="field">
	  <xsl:with-param name="label" select="'有效期至'"/>
	  <xsl:with-param name="value" select="$reminder-expires"/>
	</xsl:call-template>
	<xsl:call-template name="field">
	  <xsl:with-param name="label" select="'申请期限'"/>
	  <xsl:with-param name="value" select="concat($reminder-from, '至', $reminder-until)"/>
	</xsl:call-template>
      </l:fields>
    </l:section>

    <l:section>
      <l:heading>二、再注册条件</l:heading>
      <l:paragraph>
	<xsl:text>再注册须在证书有效期内每年完成持续职业发展活动</xsl:text>
	<xsl:if test="normalize-space($reminder/@cpdHoursPerYear) != ''">
	  <xsl:value-of select="concat('不少于', normalize-space($reminder/@cpdHoursPerYear), '学时')"/>
	</xsl:if>
	<xsl:text>，并如实填报各年度的活动记录。再注册延续您所持证书的级别；如需取得更高级别，请另行提出晋级申请。</xsl:text>
      </l:paragraph>
    </l:section>

    <l:section>
      <l:heading>三、申请方式</l:heading>
      <l:paragraph>
	<xsl:text>请在上述期限内提交再注册申请材料（申请类型为“再注册”），在申请表“所持证书”部分填写您的注册编号</xsl:text>
	<xsl:if test="normalize-space($reminder/@registration) != ''">
	  <xsl:value-of select="concat(' ', normalize-space($reminder/@registration), ' ')"/>
	</xsl:if>
	<xsl:text>和所持证书的级别，并附各年度持续职业发展活动的记录及证明材料。逾期未申请的，证书将于有效期届满后失效。</xsl:text>
      </l:paragraph>
      <l:paragraph>如您已提交再注册申请，请忽略本提醒。</l:paragraph>
    </l:section>
  </xsl:template>

</xsl:stylesheet>
