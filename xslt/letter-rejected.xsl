<?xml version="1.0" encoding="UTF-8"?>
<!--
  letter-rejected.xsl - the rejection notice (不予受理通知) as a letter
  document (xsd/letter.xsd), its words once; letter-xhtml.xsl and
  letter-text.xsl render it (notice-rejected.xsl, notice-rejected-text.xsl).

  Parameter: seq, the number of the notice in the dossier (notice/@seq).
  Tells the applicant every reason of the validation before the notice, that
  the decision is final for this application, and what the applicant may do
  next where something can be done (nothing, after a lifetime ban). The
  advice for each reason code is the table rejection-advice below. Shared
  parts: letter-common.xsl.
-->
<xsl:stylesheet version="1.0"
		xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
		xmlns:e="urn:ecap:1"
		xmlns:l="urn:ecap:letter:1"
		exclude-result-prefixes="e">

  <xsl:import href="letter-common.xsl"/>

  <xsl:template match="/" mode="letter">
    <xsl:call-template name="require-notice">
      <xsl:with-param name="kind" select="'rejected'"/>
    </xsl:call-template>
    <xsl:call-template name="letter">
      <xsl:with-param name="kind" select="'rejected'"/>
      <xsl:with-param name="title" select="'不予受理通知'"/>
      <xsl:with-param name="body">
	<xsl:call-template name="rejected-body"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="rejected-body">
    <l:paragraph>
      <xsl:call-template name="submitted-phrase"/>
      <xsl:call-template name="application-phrase"/>
      <xsl:call-template name="received-phrase"/>
      <xsl:text>。感谢您对本学会工作的支持。经审查，您的申请不符合工程能力评价的申请条件，本学会决定对本次申请不予受理。具体原因如下：</xsl:text>
    </l:paragraph>

    <l:section>
      <l:heading>一、不予受理的原因</l:heading>
      <xsl:call-template name="letter-reasons"/>
    </l:section>

    <l:section>
      <l:heading>二、关于本决定</l:heading>
      <l:paragraph>
	<xsl:text>本决定是对本次申请的最终决定。本次申请不再进入材料审查、面试等后续评价环节，也不能通过补正材料、以同一申请编号重新提交的方式继续办理。</xsl:text>
      </l:paragraph>
      <xsl:call-template name="final-decision-routes"/>
    </l:section>

    <xsl:if test="$advised-reasons or ($correctable-reasons and not($validation/e:reason[@code = 'banned']))">
      <l:section>
	<l:heading>三、今后的申请</l:heading>
	<l:list class="notes">
	  <xsl:for-each select="$advised-reasons">
	    <l:item>
	      <xsl:call-template name="rejection-advice">
		<xsl:with-param name="code" select="string(@code)"/>
	      </xsl:call-template>
	    </l:item>
	  </xsl:for-each>
	  <xsl:if test="$correctable-reasons and not($validation/e:reason[@code = 'banned'])">
	    <l:item><xsl:value-of select="$correctable-advice"/></l:item>
	  </xsl:if>
	</l:list>
      </l:section>
    </xsl:if>

    <xsl:call-template name="letter-notes"/>
  </xsl:template>

  <!--
    What an applicant whose application was rejected for CODE may do next;
    empty when there is nothing particular to say.
  -->
  <xsl:template name="rejection-advice">
    <xsl:param name="code"/>
    <xsl:choose>
      <xsl:when test="$code = 'not-member'">工程能力评价面向本学会的注册会员。请核对申请表中填写的会员编号和姓名是否与会员登记信息一致；如您尚未入会，可在成为本学会会员后重新提出申请。</xsl:when>
      <xsl:when test="$code = 'field-not-authorized'">本学会目前未获授权开展该工程技术领域的评价。您可以选择本学会已获授权的领域，或向获授权开展该领域评价的学会提出申请。</xsl:when>
      <xsl:when test="$code = 'insufficient-experience'">待您的工程实践经历年限达到所申请级别的要求后，欢迎您重新提出申请；您也可以考虑申请与目前经历相符的级别。</xsl:when>
      <xsl:when test="$code = 'banned'">根据工程能力评价的有关规定，曾提供虚假材料或因欺诈被撤销证书的，不得再次申请。本学会今后将不再受理您提出的工程能力评价申请。</xsl:when>
      <xsl:when test="$code = 'level-skip'">晋级须逐级申请，不能越级。您可以申请比目前所持证书高一个级别的评价。</xsl:when>
      <xsl:when test="$code = 'not-holder'">晋级申请须持有低一个级别的有效证书（未被暂停、注销或撤销，且在有效期内）。取得或恢复该证书后，可以重新提出晋级申请。</xsl:when>
      <xsl:when test="$code = 'renewal-unknown'">请核对申请表中填写的注册编号是否为您本人在本学会登记的证书编号，确认无误后可以重新提出再注册申请。</xsl:when>
      <xsl:when test="$code = 'renewal-window'">再注册申请须在证书有效期届满前后规定的期限内提出。请在规定期限内重新提出申请；如对期限有疑问，请与本学会联系。</xsl:when>
      <xsl:when test="$code = 'already-registered'">每位申请人在本学会只有一个注册编号。您已持有本学会的工程会员证书：如需取得更高级别，请提出晋级申请；证书有效期届满前后，请办理再注册；证书被暂停的，须待本学会恢复证书后再办理。</xsl:when>
      <xsl:when test="$code = 'renewal-level'">再注册只延续您所持证书的级别。如需取得更高级别，请另行提出晋级申请；办理再注册时，请在申请表中填写与所持证书相同的级别。</xsl:when>
      <xsl:when test="$code = 'renewal-status'">只有有效或已过有效期的证书可以再注册。证书被暂停的，待本学会恢复证书后可以重新提出再注册申请；被注销或撤销的证书不能再注册。如对证书状态有疑问，请与本学会联系。</xsl:when>
      <xsl:when test="$code = 'cpd-insufficient'">再注册要求证书有效期内每一年度都完成规定的继续职业发展学时。如您还有未列入申请的学习培训等活动记录，或某一年度因特殊情况未能完成学时并已获本学会豁免，可以在补充完整后重新提出再注册申请。</xsl:when>
    </xsl:choose>
  </xsl:template>

  <!--
    The reasons of a rejection that call for advice, one per code: only the
    ban when there is one (then nothing else matters).
  -->
  <xsl:variable name="advised-codes"
		select="' not-member field-not-authorized insufficient-experience level-skip not-holder renewal-unknown renewal-window cpd-insufficient already-registered renewal-level renewal-status '"/>
  <xsl:variable name="advised-reasons"
		select="$validation/e:reason[@code = 'banned'][1]
			| $validation/e:reason[not($validation/e:reason[@code = 'banned'])]
			  [contains($advised-codes, concat(' ', @code, ' '))]
			  [not(@code = preceding-sibling::e:reason/@code)]"/>

  <!-- Reasons that a corrected package would fix (formats.md §5, "returned"). -->
  <xsl:variable name="correctable-reasons"
		select="$validation/e:reason[@code = 'schema' or @code = 'xml-malformed'
			or starts-with(@code, 'evidence-') or starts-with(@code, 'statement-')
			or @code = 'commitment-unsigned' or @code = 'identity-invalid'
			or @code = 'projects-count']"/>

  <xsl:variable name="correctable-advice">其他需要改正的问题（见上文所列）也请您在今后提出新的申请时一并改正。</xsl:variable>

</xsl:stylesheet>
