<?xml version="1.0" encoding="UTF-8"?>
<!--
  letter-certified.xsl - the pass and certificate notice (评价通过及发证通知;
  for a re-registration 再注册及换发证书通知) as a letter document
  (xsd/letter.xsd), its words once; letter-xhtml.xsl and letter-text.xsl
  render it (notice-certified.xsl, notice-certified-text.xsl).

  Parameter: seq, the number of the notice in the dossier (notice/@seq).
  The result before the notice is the certification (R7): the letter gives
  the certificate's registration number, serial, level, issue and expiry
  dates, verification code and file name, the CPD record that a
  re-registration was decided on (R8), and the yearly CPD obligation
  (50 credit hours, Q22). Shared parts: letter-common.xsl.
-->
<xsl:stylesheet version="1.0"
		xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
		xmlns:e="urn:ecap:1"
		xmlns:l="urn:ecap:letter:1"
		exclude-result-prefixes="e">

  <xsl:import href="letter-common.xsl"/>

  <xsl:template match="/" mode="letter">
    <xsl:call-template name="require-later-notice">
      <xsl:with-param name="kind" select="'certified'"/>
      <xsl:with-param name="results" select="' certification '"/>
    </xsl:call-template>
    <xsl:call-template name="letter">
      <xsl:with-param name="kind" select="'certified'"/>
      <xsl:with-param name="title">
	<xsl:choose>
	  <xsl:when test="$certification-kind = 'reregistration'">再注册及换发证书通知</xsl:when>
	  <xsl:otherwise>评价通过及发证通知</xsl:otherwise>
	</xsl:choose>
      </xsl:with-param>
      <xsl:with-param name="body">
	<xsl:call-template name="certified-body"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="certified-body">
    <l:paragraph><xsl:call-template name="certified-opening"/></l:paragraph>
    <xsl:if test="$certification-kind != 'reregistration'">
      <l:paragraph>祝贺您！感谢您对工程能力评价工作的支持。</l:paragraph>
    </xsl:if>

    <l:section>
      <l:heading>一、证书信息</l:heading>
      <!-- the holder and the field are the particulars' (申请人, 技术领域) -->
      <l:fields class="data certificate">
	<xsl:call-template name="field">
	  <xsl:with-param name="label" select="'会员级别'"/>
	  <xsl:with-param name="value">
	    <xsl:call-template name="certificate-level-phrase"/>
	  </xsl:with-param>
	</xsl:call-template>
	<xsl:call-template name="field">
	  <xsl:with-param name="label" select="'注册编号'"/>
	  <xsl:with-param name="value" select="normalize-space($result/@registration)"/>
	  <xsl:with-param name="code" select="true()"/>
	</xsl:call-template>
	<xsl:call-template name="field">
	  <xsl:with-param name="label" select="'证书编号'"/>
	  <xsl:with-param name="value" select="normalize-space($result/@serial)"/>
	  <xsl:with-param name="code" select="true()"/>
	</xsl:call-template>
	<xsl:call-template name="field">
	  <xsl:with-param name="label" select="'发证日期'"/>
	  <xsl:with-param name="value">
	    <xsl:call-template name="chinese-date">
	      <xsl:with-param name="iso" select="$result/@issued"/>
	    </xsl:call-template>
	  </xsl:with-param>
	</xsl:call-template>
	<xsl:call-template name="field">
	  <xsl:with-param name="label" select="'有效期至'"/>
	  <xsl:with-param name="value">
	    <xsl:call-template name="chinese-date">
	      <xsl:with-param name="iso" select="$result/@expires"/>
	    </xsl:call-template>
	  </xsl:with-param>
	</xsl:call-template>
	<xsl:call-template name="field">
	  <xsl:with-param name="label" select="'证书验证码'"/>
	  <xsl:with-param name="short" select="'验 证 码'"/>
	  <xsl:with-param name="value" select="normalize-space($result/@verification)"/>
	  <xsl:with-param name="code" select="true()"/>
	</xsl:call-template>
	<xsl:call-template name="field">
	  <xsl:with-param name="label" select="'电子证书文件'"/>
	  <xsl:with-param name="short" select="'电子证书'"/>
	  <xsl:with-param name="value">
	    <xsl:call-template name="certificate-file-name"/>
	  </xsl:with-param>
	</xsl:call-template>
      </l:fields>
    </l:section>

    <xsl:if test="$cpd-years">
      <l:section>
	<!-- the table's rows are the years of the certificate: no sentence
	     before it to say so -->
	<l:heading>二、原证书有效期内的持续职业发展审查情况</l:heading>
	<l:table class="data cpd">
	  <l:columns>
	    <l:column>年度</l:column>
	    <l:column>期间</l:column>
	    <l:column>认定学时</l:column>
	    <l:column>要求学时</l:column>
	    <l:column>结论</l:column>
	  </l:columns>
	  <xsl:for-each select="$cpd-years">
	    <xsl:variable name="year" select="concat('第 ', @year, ' 年')"/>
	    <xsl:variable name="period"><xsl:call-template name="cpd-period"/></xsl:variable>
	    <xsl:variable name="verdict"><xsl:call-template name="cpd-verdict"/></xsl:variable>
	    <l:row>
	      <l:cell><xsl:value-of select="$year"/></l:cell>
	      <l:cell><xsl:value-of select="$period"/></l:cell>
	      <l:cell class="number"><xsl:value-of select="@hours"/></l:cell>
	      <l:cell class="number"><xsl:value-of select="@required"/></l:cell>
	      <l:cell><xsl:value-of select="$verdict"/></l:cell>
	      <l:text>
		<xsl:value-of select="concat($year, '（', $period, '）：认定 ', @hours, ' 学时，要求 ', @required, ' 学时，', $verdict, '。')"/>
	      </l:text>
	    </l:row>
	  </xsl:for-each>
	</l:table>
      </l:section>
    </xsl:if>

    <l:section>
      <l:heading>
	<xsl:call-template name="section-number">
	  <xsl:with-param name="n" select="2"/>
	</xsl:call-template>
	<xsl:text>证书的使用与查验</xsl:text>
      </l:heading>
      <l:list class="notes">
	<l:item><xsl:call-template name="certificate-use-issued"/></l:item>
	<l:item><xsl:value-of select="$certificate-use-check"/></l:item>
	<xsl:if test="$certification-kind = 'upgrade' or $certification-kind = 'reregistration'">
	  <l:item><xsl:value-of select="$certificate-use-replaced"/></l:item>
	</xsl:if>
	<l:item><xsl:value-of select="$certificate-use-public"/></l:item>
      </l:list>
    </l:section>

    <l:section>
      <l:heading>
	<xsl:call-template name="section-number">
	  <xsl:with-param name="n" select="3"/>
	</xsl:call-template>
	<xsl:text>持续职业发展要求</xsl:text>
      </l:heading>
      <l:paragraph><xsl:value-of select="$cpd-reminder"/></l:paragraph>
      <l:paragraph><xsl:call-template name="cpd-reminder-renewal"/></l:paragraph>
    </l:section>
  </xsl:template>

  <!-- 二、 / 三、 ... shifted by one when the CPD section is shown. -->
  <xsl:template name="section-number">
    <xsl:param name="n"/>
    <xsl:value-of select="substring('一二三四五六', $n + count($cpd-years[1]), 1)"/>
    <xsl:text>、</xsl:text>
  </xsl:template>

  <!-- The certification's kind: initial, upgrade or reregistration. -->
  <xsl:variable name="certification-kind">
    <xsl:choose>
      <xsl:when test="normalize-space($result[self::e:certification]/@kind) != ''">
	<xsl:value-of select="normalize-space($result/@kind)"/>
      </xsl:when>
      <xsl:otherwise>
	<xsl:value-of select="normalize-space($application/@kind)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <!-- The CPD years a re-registration was decided on (R8). -->
  <xsl:variable name="cpd-years"
		select="$result[self::e:certification]/preceding-sibling::e:validation[1]/e:cpd"/>

  <!-- "专业工程会员（Professional Engineer）" for the certificate's level. -->
  <xsl:template name="certificate-level-phrase">
    <xsl:variable name="code" select="normalize-space($result/@level)"/>
    <xsl:call-template name="level-name">
      <xsl:with-param name="code" select="$code"/>
    </xsl:call-template>
    <xsl:variable name="english">
      <xsl:call-template name="level-name-en">
	<xsl:with-param name="code" select="$code"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:if test="$english != $code">
      <xsl:value-of select="concat('（', $english, '）')"/>
    </xsl:if>
  </xsl:template>

  <!--
    The certificate's printable file: the PDF the run writes beside the SVG
    (pipeline/consequences.c, the SVG's name with .pdf), which prints as
    issued; else the XML's name.
  -->
  <xsl:template name="certificate-file-name">
    <xsl:variable name="svg" select="normalize-space($result/@svg)"/>
    <xsl:call-template name="file-name">
      <xsl:with-param name="path">
	<xsl:choose>
	  <xsl:when test="substring($svg, string-length($svg) - 3) = '.svg'">
	    <xsl:value-of select="concat(substring($svg, 1, string-length($svg) - 4), '.pdf')"/>
	  </xsl:when>
	  <xsl:when test="$svg != ''">
	    <xsl:value-of select="$svg"/>
	  </xsl:when>
	  <xsl:otherwise>
	    <xsl:value-of select="normalize-space($result/@certificate)"/>
	  </xsl:otherwise>
	</xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- The steps an application went through, "材料审查、面试和公示". -->
  <xsl:template name="certified-steps">
    <xsl:variable name="steps">
      <xsl:if test="$result/preceding-sibling::e:review">、材料审查</xsl:if>
      <xsl:if test="$result/preceding-sibling::e:confirmation[@confirmed = 'true']">、联合体秘书处确认</xsl:if>
      <xsl:if test="$result/preceding-sibling::e:interview[@outcome = 'passed']">、面试</xsl:if>
    </xsl:variable>
    <xsl:variable name="list" select="substring($steps, 2)"/>
    <xsl:choose>
      <xsl:when test="$list != '' and $result/preceding-sibling::e:publicity">
	<xsl:value-of select="concat($list, '和公示')"/>
      </xsl:when>
      <xsl:when test="$list != ''"><xsl:value-of select="$list"/></xsl:when>
      <xsl:when test="$result/preceding-sibling::e:publicity">评价和公示</xsl:when>
      <xsl:otherwise>评价</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The first paragraph of a certificate notice. -->
  <xsl:template name="certified-opening">
    <xsl:variable name="level">
      <xsl:call-template name="certificate-level-phrase"/>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$certification-kind = 'reregistration'">
	<xsl:call-template name="submitted-phrase"/>
	<xsl:text>工程会员再注册申请已收悉。经审查，您在原证书有效期内的持续职业发展活动符合再注册要求。本学会决定予以再注册，注册为</xsl:text>
	<xsl:value-of select="$level"/>
	<xsl:text>，并换发新的工程会员证书。根据规定，再注册后您的注册编号保持不变。</xsl:text>
      </xsl:when>
      <xsl:otherwise>
	<xsl:text>您的</xsl:text>
	<xsl:call-template name="application-phrase"/>
	<xsl:text>经</xsl:text>
	<xsl:call-template name="certified-steps"/>
	<xsl:text>，评价合格。</xsl:text>
	<xsl:if test="$result/preceding-sibling::e:resolution[@upheld = 'false']">
	  <xsl:text>公示期间收到的异议，经调查核实不成立。</xsl:text>
	</xsl:if>
	<xsl:choose>
	  <xsl:when test="$certification-kind = 'upgrade'">
	    <xsl:text>本学会决定将您晋级注册为</xsl:text>
	    <xsl:value-of select="$level"/>
	    <xsl:text>，并换发工程会员证书；您的注册编号保持不变。</xsl:text>
	  </xsl:when>
	  <xsl:otherwise>
	    <xsl:text>本学会决定注册您为</xsl:text>
	    <xsl:value-of select="$level"/>
	    <xsl:text>，并颁发工程会员证书。</xsl:text>
	  </xsl:otherwise>
	</xsl:choose>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "2021年12月20日至2022年12月19日" for the current cpd element. -->
  <xsl:template name="cpd-period">
    <xsl:call-template name="chinese-date">
      <xsl:with-param name="iso" select="@from"/>
    </xsl:call-template>
    <xsl:text>至</xsl:text>
    <xsl:call-template name="chinese-date">
      <xsl:with-param name="iso" select="@to"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="cpd-verdict">
    <xsl:choose>
      <xsl:when test="@exempted = 'true'">经本学会批准豁免，视为达到要求</xsl:when>
      <xsl:when test="number(@hours) &gt;= number(@required)">达到要求</xsl:when>
      <xsl:otherwise>未达到要求</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- How the certificate is used and checked, one sentence each; the
       file's name is in the certificate's particulars above. -->
  <xsl:template name="certificate-use-issued">
    <xsl:variable name="file">
      <xsl:call-template name="certificate-file-name"/>
    </xsl:variable>
    <xsl:value-of select="concat('本证书由', $signatory, '签发。')"/>
    <xsl:if test="$file != ''">
      <xsl:text>电子证书文件随本通知一并提供，可直接打印使用，请妥善保管。</xsl:text>
    </xsl:if>
  </xsl:template>

  <xsl:variable name="certificate-use-check">证书信息可在中国工程师联合体官网和本学会官方平台查询。他人查验您的证书时，可凭注册编号和证书验证码核对证书的真实性和当前状态。</xsl:variable>

  <xsl:variable name="certificate-use-replaced">新证书签发后，您此前持有的工程会员证书由新证书替代，不再使用。</xsl:variable>

  <xsl:variable name="certificate-use-public">证书的暂停、恢复、注销、撤销等状态变化，本学会将依规向社会公开，并向中国工程师联合体通报。</xsl:variable>

  <xsl:variable name="cpd-reminder">在证书有效期内，您每年应完成不少于 50 学时的持续职业发展活动，每学时不少于 45 分钟，以及时更新专业知识、跟踪行业发展、保持并提高工程能力。标准起草、课题研究、论文发表等没有明确时长的活动，由本学会按规定认定学时。请填写持续职业发展活动记录表，完整记录每项活动并保存证明材料，以备再注册时审查。</xsl:variable>

  <xsl:template name="cpd-reminder-renewal">
    <xsl:text>证书有效期届满</xsl:text>
    <xsl:if test="normalize-space($result/@expires) != ''">
      <xsl:text>（</xsl:text>
      <xsl:call-template name="chinese-date">
	<xsl:with-param name="iso" select="$result/@expires"/>
      </xsl:call-template>
      <xsl:text>）</xsl:text>
    </xsl:if>
    <xsl:text>前后，请按规定的期限申请再注册。有效期内任一年度学时不足的，将无法再注册。如因特殊原因不能按时完成持续职业发展活动，请及时按本学会的规定申请豁免，以免证书被暂停或注销。</xsl:text>
  </xsl:template>

</xsl:stylesheet>
