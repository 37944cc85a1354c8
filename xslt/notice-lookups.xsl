<?xml version="1.0" encoding="UTF-8"?>
<!--
  notice-lookups.xsl - what a letter says is looked up in the dossier here.

  Imported (through letter-common.xsl) by every xslt/letter-KIND.xsl, and by
  the certificate (certificate-svg.xsl) and the public notices
  (public-common.xsl). It holds no wording of a letter and no layout:
    - the notice being written ($notice, from the parameter seq), the stage
      result before it ($validation, $result), the package it judged, the
      deadline, the applicant's name, level, field and the society;
    - the code tables: Chinese dates, level names, dimension names, the
      heading of each reason code (reason-heading: one table, formats.md
      §5), certificate statuses and status changes, advice per dimension;
    - require-notice and require-later-notice, which stop a transform given
      a dossier or a notice number the letter cannot be about.
  The status letter and the public notices render other documents than a
  dossier: they redefine the lookups they need ($society-name, ...), which
  takes precedence over the definitions here.

  Privacy (process.md R9, R10): a letter shows the ID number only as the
  dossier's @idMasked; nothing here ever reads the applicant's ID document
  element of the form. The stylesheets load no other document and write
  no files.
-->
<xsl:stylesheet version="1.0"
		xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
		xmlns:e="urn:ecap:1"
		xmlns:t="urn:ecap:text:1"
		exclude-result-prefixes="e t">

  <!-- The notice's number, given by the caller (a string like "1"). -->
  <xsl:param name="seq" select="''"/>

  <!-- ===================================================== lookups == -->

  <xsl:variable name="dossier" select="/e:dossier"/>

  <xsl:variable name="notice"
		select="$dossier/e:notice[string(@seq) = string($seq)
			or (string(number($seq)) != 'NaN'
			    and number(@seq) = number($seq))][1]"/>

  <!-- The stage result the notice tells: the nearest validation before it. -->
  <xsl:variable name="validation"
		select="$notice/preceding-sibling::e:validation[1]"/>

  <!-- The package that validation judged, when it judged one. -->
  <xsl:variable name="submission"
		select="$dossier/e:submission[string(@seq) = string($validation/@submission)][1]"/>

  <!--
    The resubmission deadline as a Chinese date, '' when unknown: the
    validation's own, else that of the return before it (an expiry), else
    the dossier's (state returned). A template, which the returned and
    expired letters call for their variable $deadline: libxslt evaluates
    every global variable for every transform, the other letters' and the
    certificates' too.
  -->
  <xsl:template name="resubmission-deadline">
    <xsl:call-template name="chinese-date">
      <xsl:with-param name="iso">
	<xsl:choose>
	  <xsl:when test="normalize-space($validation/@deadline) != ''">
	    <xsl:value-of select="normalize-space($validation/@deadline)"/>
	  </xsl:when>
	  <xsl:when test="normalize-space($validation/preceding-sibling::e:validation[@outcome = 'returned'][1]/@deadline) != ''">
	    <xsl:value-of select="normalize-space($validation/preceding-sibling::e:validation[@outcome = 'returned'][1]/@deadline)"/>
	  </xsl:when>
	  <xsl:otherwise>
	    <xsl:value-of select="normalize-space($dossier/@deadline)"/>
	  </xsl:otherwise>
	</xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:variable name="application" select="$dossier/e:application"/>

  <xsl:variable name="applicant-name" select="normalize-space($dossier/@name)"/>

  <!-- How the letter addresses the applicant: the name, or a neutral word. -->
  <xsl:variable name="addressee">
    <xsl:choose>
      <xsl:when test="$applicant-name != ''">
	<xsl:value-of select="$applicant-name"/>
      </xsl:when>
      <xsl:otherwise>申请人</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:variable name="society-name" select="normalize-space($dossier/@societyName)"/>
  <xsl:variable name="society-name-en" select="normalize-space($dossier/@societyNameEn)"/>

  <!-- The society as the letter names it; a neutral word when unknown. -->
  <xsl:variable name="signatory">
    <xsl:choose>
      <xsl:when test="$society-name != ''">
	<xsl:value-of select="$society-name"/>
      </xsl:when>
      <xsl:otherwise>本学会</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:variable name="application-id">
    <xsl:choose>
      <xsl:when test="normalize-space($dossier/@id) != ''">
	<xsl:value-of select="normalize-space($dossier/@id)"/>
      </xsl:when>
      <xsl:otherwise>
	<xsl:value-of select="normalize-space($application/@id)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:variable name="level-code" select="normalize-space($application/e:level)"/>

  <xsl:variable name="level-name">
    <xsl:call-template name="level-name">
      <xsl:with-param name="code" select="$level-code"/>
    </xsl:call-template>
  </xsl:variable>

  <!--
    The field: its Chinese name when the dossier carries one (a root
    @fieldName, proposed, not yet in xsd/dossier.xsd), else the form's code.
  -->
  <xsl:variable name="field-name">
    <xsl:choose>
      <xsl:when test="normalize-space($dossier/@fieldName) != ''">
	<xsl:value-of select="normalize-space($dossier/@fieldName)"/>
      </xsl:when>
      <xsl:otherwise>
	<xsl:value-of select="normalize-space($application/e:field/@code)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:variable name="notice-date">
    <xsl:call-template name="chinese-date">
      <xsl:with-param name="iso" select="$notice/@date"/>
    </xsl:call-template>
  </xsl:variable>

  <!-- The letter's own reference: application id and notice number. -->
  <xsl:variable name="reference">
    <xsl:value-of select="$application-id"/>
    <xsl:if test="$application-id != ''">-</xsl:if>
    <xsl:choose>
      <xsl:when test="string(number($notice/@seq)) != 'NaN'">
	<xsl:value-of select="format-number($notice/@seq, '00')"/>
      </xsl:when>
      <xsl:otherwise>
	<xsl:value-of select="$notice/@seq"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <!--
    Stops the transformation unless the notice exists, is of KIND, and
    follows a validation whose outcome is KIND too (the result it tells).
  -->
  <xsl:template name="require-notice">
    <xsl:param name="kind"/>
    <xsl:if test="not($dossier)">
      <xsl:message terminate="yes">notice: the document is not an ecap dossier</xsl:message>
    </xsl:if>
    <xsl:if test="not($notice)">
      <xsl:message terminate="yes">notice: the dossier has no notice with seq '<xsl:value-of select="$seq"/>'</xsl:message>
    </xsl:if>
    <xsl:if test="string($notice/@kind) != $kind">
      <xsl:message terminate="yes">notice: notice <xsl:value-of select="$seq"/> is of kind '<xsl:value-of select="$notice/@kind"/>', this stylesheet writes '<xsl:value-of select="$kind"/>'</xsl:message>
    </xsl:if>
    <xsl:if test="not($validation)">
      <xsl:message terminate="yes">notice: notice <xsl:value-of select="$seq"/> follows no validation</xsl:message>
    </xsl:if>
    <xsl:if test="string($validation/@outcome) != $kind">
      <xsl:message terminate="yes">notice: notice <xsl:value-of select="$seq"/> follows a validation with outcome '<xsl:value-of select="$validation/@outcome"/>', not '<xsl:value-of select="$kind"/>'</xsl:message>
    </xsl:if>
  </xsl:template>

  <!-- ================================================== formatting == -->

  <!--
    2026-12-08 -> 2026年12月8日; anything else is shown as it is. ecap's
    renderer offers t:chinese-date (pipeline/render/notice.c), the same in
    C: the test below costs a dozen XPath conversions, each a copy, and a
    letter shows several dates. A change of the rule is made in both.
  -->
  <xsl:template name="chinese-date">
    <xsl:param name="iso"/>
    <xsl:choose>
      <xsl:when test="function-available('t:chinese-date')">
	<xsl:value-of select="t:chinese-date($iso)"/>
      </xsl:when>
      <xsl:otherwise>
	<xsl:variable name="day" select="substring(normalize-space($iso), 1, 10)"/>
	<xsl:choose>
	  <xsl:when test="string-length($day) = 10
			  and substring($day, 5, 1) = '-' and substring($day, 8, 1) = '-'
			  and string(number(substring($day, 1, 4))) != 'NaN'
			  and string(number(substring($day, 6, 2))) != 'NaN'
			  and string(number(substring($day, 9, 2))) != 'NaN'">
	    <xsl:value-of select="number(substring($day, 1, 4))"/>
	    <xsl:text>年</xsl:text>
	    <xsl:value-of select="number(substring($day, 6, 2))"/>
	    <xsl:text>月</xsl:text>
	    <xsl:value-of select="number(substring($day, 9, 2))"/>
	    <xsl:text>日</xsl:text>
	  </xsl:when>
	  <xsl:otherwise>
	    <xsl:value-of select="normalize-space($iso)"/>
	  </xsl:otherwise>
	</xsl:choose>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="level-name">
    <xsl:param name="code"/>
    <xsl:choose>
      <xsl:when test="$code = 'apprentice'">见习工程会员</xsl:when>
      <xsl:when test="$code = 'professional'">专业工程会员</xsl:when>
      <xsl:when test="$code = 'senior'">资深工程会员</xsl:when>
      <xsl:otherwise><xsl:value-of select="$code"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="dimension-name">
    <xsl:param name="code"/>
    <xsl:choose>
      <xsl:when test="$code = 'knowledge'">工程知识与专业能力</xsl:when>
      <xsl:when test="$code = 'ethics'">工程伦理与职业道德</xsl:when>
      <xsl:when test="$code = 'teamwork'">团队合作与交流能力</xsl:when>
      <xsl:when test="$code = 'learning'">持续发展与终身学习能力</xsl:when>
      <xsl:when test="$code = 'leadership'">组织领导与项目管理能力</xsl:when>
      <xsl:otherwise><xsl:value-of select="$code"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A short plain-language heading for each reason code (formats.md §5). -->
  <xsl:template name="reason-heading">
    <xsl:param name="code"/>
    <xsl:choose>
      <xsl:when test="$code = 'archive-unreadable'">材料包无法打开</xsl:when>
      <xsl:when test="$code = 'archive-unsafe'">材料包中含有不允许的文件或路径</xsl:when>
      <xsl:when test="$code = 'archive-too-large'">材料包超过大小或文件数量限制</xsl:when>
      <xsl:when test="$code = 'archive-encrypted'">材料包中有加密文件</xsl:when>
      <xsl:when test="$code = 'no-application'">材料包中缺少申请表</xsl:when>
      <xsl:when test="$code = 'xml-malformed'">申请表文件无法读取</xsl:when>
      <xsl:when test="$code = 'duplicate-package'">重复提交了相同的材料包</xsl:when>
      <xsl:when test="$code = 'duplicate-application'">该申请编号当前不能接收新材料</xsl:when>
      <xsl:when test="$code = 'schema'">申请表填写格式不符合规范</xsl:when>
      <xsl:when test="$code = 'evidence-missing'">佐证材料缺失</xsl:when>
      <xsl:when test="$code = 'evidence-checksum'">佐证材料与申请表登记的不一致</xsl:when>
      <xsl:when test="$code = 'evidence-identity'">缺少身份证件材料</xsl:when>
      <xsl:when test="$code = 'evidence-education'">缺少学历证明材料</xsl:when>
      <xsl:when test="$code = 'evidence-classified'">涉密材料未声明已做脱密处理</xsl:when>
      <xsl:when test="$code = 'statement-length'">工作情况自述字数不符合要求</xsl:when>
      <xsl:when test="$code = 'statement-language'">工作情况自述未使用中文撰写</xsl:when>
      <xsl:when test="$code = 'commitment-unsigned'">承诺书未签名或未注明日期</xsl:when>
      <xsl:when test="$code = 'identity-invalid'">身份证件号码有误</xsl:when>
      <xsl:when test="$code = 'projects-count'">工程项目数量不符合要求</xsl:when>
      <xsl:when test="$code = 'not-member'">申请人不是本学会会员</xsl:when>
      <xsl:when test="$code = 'field-not-authorized'">本学会未获授权评价该工程技术领域</xsl:when>
      <xsl:when test="$code = 'insufficient-experience'">工程实践经历年限不足</xsl:when>
      <xsl:when test="$code = 'banned'">申请人已被终身禁止申请</xsl:when>
      <xsl:when test="$code = 'level-skip'">晋级申请不能越级</xsl:when>
      <xsl:when test="$code = 'not-holder'">未持有低一级别的有效证书</xsl:when>
      <xsl:when test="$code = 'renewal-unknown'">未找到需再注册的证书</xsl:when>
      <xsl:when test="$code = 'renewal-window'">不在再注册申请期限内</xsl:when>
      <xsl:when test="$code = 'cpd-insufficient'">继续职业发展学时不足</xsl:when>
      <xsl:when test="$code = 'resubmission-expired'">未在规定期限内提交补正材料</xsl:when>
      <xsl:when test="$code = 'supplement-expired'">未在规定期限内提交补充材料</xsl:when>
      <xsl:when test="$code = 'review-supplement'">材料审查需要补充材料</xsl:when>
      <xsl:when test="$code = 'dimension-not-met'">能力要求未达到</xsl:when>
      <xsl:when test="$code = 'objection-upheld'">公示期间的异议经核实成立</xsl:when>
      <xsl:when test="$code = 'score-total'">面试总分未达到合格标准</xsl:when>
      <xsl:when test="$code = 'score-knowledge'">面试中工程知识与专业能力得分未达到要求</xsl:when>
      <xsl:when test="$code = 'score-ethics'">面试中工程伦理与职业道德得分未达到要求</xsl:when>
      <xsl:when test="$code = 'record-invalid'">评审记录无效</xsl:when>
      <xsl:when test="$code = 'record-unknown-application'">评审记录对应的申请不存在</xsl:when>
      <xsl:when test="$code = 'record-wrong-state'">评审记录与申请当前阶段不符</xsl:when>
      <xsl:when test="$code = 'examiner-unknown'">考官不在名单中</xsl:when>
      <xsl:when test="$code = 'examiner-conflict'">考官需要回避</xsl:when>
      <xsl:when test="$code = 'record-duplicate'">评审记录重复</xsl:when>
      <xsl:when test="$code = 'identity-mismatch'">材料包的申请人与该申请编号的申请人不符</xsl:when>
      <xsl:when test="$code = 'already-registered'">申请人已持有本学会的工程会员证书</xsl:when>
      <xsl:when test="$code = 'renewal-level'">再注册的级别与所持证书不符</xsl:when>
      <xsl:when test="$code = 'renewal-status'">证书当前状态不能办理再注册</xsl:when>
      <xsl:when test="$code = 'input-unreadable'">提交的文件无法读取</xsl:when>
      <xsl:when test="$code = 'input-not-file'">提交的不是文件</xsl:when>
      <xsl:when test="$code = 'withdrawn'">申请人撤回了申请</xsl:when>
      <xsl:otherwise>其他问题</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The heading of one reason, with its dimension when it names one. -->
  <xsl:template name="reason-title">
    <xsl:param name="reason" select="."/>
    <xsl:call-template name="reason-heading">
      <xsl:with-param name="code" select="string($reason/@code)"/>
    </xsl:call-template>
    <xsl:if test="normalize-space($reason/@dimension) != ''">
      <xsl:text>（</xsl:text>
      <xsl:call-template name="dimension-name">
	<xsl:with-param name="code" select="normalize-space($reason/@dimension)"/>
      </xsl:call-template>
      <xsl:text>）</xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- ======================================= later-stage lookups == -->

  <!--
    The stage result a notice of the later stages tells (doc/dossier.md,
    "Records and the later stages"): the nearest preceding sibling among
    validation, review, interview, publicityEnd and certification.
  -->
  <xsl:variable name="result"
		select="$notice/preceding-sibling::*[self::e:validation or self::e:review
			or self::e:interview or self::e:publicityEnd
			or self::e:certification][1]"/>

  <!--
    require-notice for the later kinds: stops unless the notice exists, is of
    KIND, and the result before it is one of RESULTS, a list of
    "element:outcome" pairs or bare element names (any outcome), each
    surrounded by spaces.
  -->
  <xsl:template name="require-later-notice">
    <xsl:param name="kind"/>
    <xsl:param name="results"/>
    <!-- what that result is: "review:supplement", "certification", ... -->
    <xsl:variable name="result-kind">
      <xsl:value-of select="local-name($result)"/>
      <xsl:if test="normalize-space($result/@outcome) != ''">
	<xsl:value-of select="concat(':', normalize-space($result/@outcome))"/>
      </xsl:if>
    </xsl:variable>
    <xsl:if test="not($dossier)">
      <xsl:message terminate="yes">notice: the document is not an ecap dossier</xsl:message>
    </xsl:if>
    <xsl:if test="not($notice)">
      <xsl:message terminate="yes">notice: the dossier has no notice with seq '<xsl:value-of select="$seq"/>'</xsl:message>
    </xsl:if>
    <xsl:if test="string($notice/@kind) != $kind">
      <xsl:message terminate="yes">notice: notice <xsl:value-of select="$seq"/> is of kind '<xsl:value-of select="$notice/@kind"/>', this stylesheet writes '<xsl:value-of select="$kind"/>'</xsl:message>
    </xsl:if>
    <xsl:if test="not($result)">
      <xsl:message terminate="yes">notice: notice <xsl:value-of select="$seq"/> follows no stage result</xsl:message>
    </xsl:if>
    <xsl:if test="not(contains($results, concat(' ', $result-kind, ' '))
		  or contains($results, concat(' ', local-name($result), ' ')))">
      <xsl:message terminate="yes">notice: notice <xsl:value-of select="$seq"/> follows '<xsl:value-of select="$result-kind"/>', not one of<xsl:value-of select="$results"/></xsl:message>
    </xsl:if>
  </xsl:template>

  <!-- The dimension codes in their order (process.md R5). -->
  <xsl:variable name="dimension-codes" select="'knowledge ethics teamwork learning leadership'"/>

  <xsl:template name="level-name-en">
    <xsl:param name="code"/>
    <xsl:choose>
      <xsl:when test="$code = 'apprentice'">Apprentice Engineer</xsl:when>
      <xsl:when test="$code = 'professional'">Professional Engineer</xsl:when>
      <xsl:when test="$code = 'senior'">Senior Professional Engineer</xsl:when>
      <xsl:otherwise><xsl:value-of select="$code"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A certificate's status in the register (formats.md §4). -->
  <xsl:template name="certificate-status-name">
    <xsl:param name="code"/>
    <xsl:choose>
      <xsl:when test="$code = 'valid'">有效</xsl:when>
      <xsl:when test="$code = 'suspended'">暂停</xsl:when>
      <xsl:when test="$code = 'cancelled'">注销</xsl:when>
      <xsl:when test="$code = 'revoked'">撤销</xsl:when>
      <xsl:when test="$code = 'expired'">到期失效</xsl:when>
      <xsl:when test="$code = 'superseded'">已换发新证</xsl:when>
      <xsl:otherwise><xsl:value-of select="$code"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A change of a certificate's status (registerChange/@action). -->
  <xsl:template name="status-action-name">
    <xsl:param name="code"/>
    <xsl:choose>
      <xsl:when test="$code = 'suspend'">暂停</xsl:when>
      <xsl:when test="$code = 'restore'">恢复</xsl:when>
      <xsl:when test="$code = 'cancel'">注销</xsl:when>
      <xsl:when test="$code = 'revoke'">撤销</xsl:when>
      <xsl:when test="$code = 'expire'">到期失效</xsl:when>
      <xsl:otherwise><xsl:value-of select="$code"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The last component of a relative path: out/certificates/X.svg -> X.svg -->
  <xsl:template name="file-name">
    <xsl:param name="path"/>
    <xsl:choose>
      <xsl:when test="contains($path, '/')">
	<xsl:call-template name="file-name">
	  <xsl:with-param name="path" select="substring-after($path, '/')"/>
	</xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$path"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- What an applicant may work on, for a dimension found not met (R4). -->
  <xsl:template name="dimension-advice">
    <xsl:param name="code"/>
    <xsl:choose>
      <xsl:when test="$code = 'knowledge'">工程知识与专业能力：建议在工作情况自述中结合具体工程项目，说明您运用专业知识分析和解决复杂工程问题的过程与结果，并提供设计文件、技术报告等能体现本人专业水平的佐证材料。</xsl:when>
      <xsl:when test="$code = 'ethics'">工程伦理与职业道德：建议学习工程伦理和职业行为规范，在自述中举例说明您在工作中如何处理安全、质量、环境、公众利益等方面的问题，以及如何遵守法律法规和职业操守。</xsl:when>
      <xsl:when test="$code = 'teamwork'">团队合作与交流能力：建议在自述中具体说明您在团队中承担的角色，与同事、其他专业和相关方的沟通协作方式及成效，并注意区分个人贡献与集体成绩。</xsl:when>
      <xsl:when test="$code = 'learning'">持续发展与终身学习能力：建议有计划地参加继续教育、培训、学术交流等活动并保存记录，在自述中说明所学新知识、新技术在工作中的应用。</xsl:when>
      <xsl:when test="$code = 'leadership'">组织领导与项目管理能力：建议争取承担项目或专业负责人等职责，在自述中说明您在计划、组织、协调、进度、质量和成本控制等方面的具体工作和成效。</xsl:when>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
