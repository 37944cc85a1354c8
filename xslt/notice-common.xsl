<?xml version="1.0" encoding="UTF-8"?>
<!--
  notice-common.xsl - shared parts of the letters (notices) sent to applicants.

  Imported by xslt/notice-KIND.xsl (XHTML) and xslt/notice-KIND-text.xsl
  (plain text). It holds:
    - the lookups: the notice being written, the stage result before it,
      the applicant's name, level, field and the society;
    - the formatting helpers: Chinese dates, level names, reason headings;
    - the XHTML pieces: print CSS, letterhead, particulars, reasons,
      closing and footer;
    - the plain-text pieces: a line wrapper that counts CJK characters as
      two columns, centring, the same letter parts as text;
    - for the later stages: the stage result a notice tells ($result, the
      nearest of validation, review, interview, publicityEnd,
      certification), its check (require-later-notice), and the texts the
      XHTML and plain-text twins of the supplement, interview, failure,
      certificate and status letters share;
    - names used by the certificate and the public notices (English level
      names, certificate statuses and status changes).
  The status letter and the public notices render other documents than a
  dossier: they redefine the lookups they need ($society-name, ...).

  Privacy (process.md R9, R10): a letter shows the ID number only as the
  dossier's @idMasked; nothing here ever reads the applicant's ID document
  element of the form. The stylesheets load no other document and write
  no files.
-->
<xsl:stylesheet version="1.0"
		xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
		xmlns:e="urn:ecap:1"
		xmlns="http://www.w3.org/1999/xhtml"
		exclude-result-prefixes="e">

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
    The resubmission deadline: the validation's own, else that of the
    return before it (an expiry), else the dossier's (state returned).
  -->
  <xsl:variable name="deadline-iso">
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
  </xsl:variable>

  <xsl:variable name="deadline">
    <xsl:call-template name="chinese-date">
      <xsl:with-param name="iso" select="$deadline-iso"/>
    </xsl:call-template>
  </xsl:variable>

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

  <!-- 2026-12-08 -> 2026年12月8日; anything else is shown as it is. -->
  <xsl:template name="chinese-date">
    <xsl:param name="iso"/>
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

  <!-- What that result is: "review:supplement", "certification", ... -->
  <xsl:variable name="result-kind">
    <xsl:value-of select="local-name($result)"/>
    <xsl:if test="normalize-space($result/@outcome) != ''">
      <xsl:value-of select="concat(':', normalize-space($result/@outcome))"/>
    </xsl:if>
  </xsl:variable>

  <xsl:variable name="result-date">
    <xsl:call-template name="chinese-date">
      <xsl:with-param name="iso" select="$result/@date"/>
    </xsl:call-template>
  </xsl:variable>

  <!--
    require-notice for the later kinds: stops unless the notice exists, is of
    KIND, and the result before it is one of RESULTS, a list of
    "element:outcome" pairs or bare element names (any outcome), each
    surrounded by spaces.
  -->
  <xsl:template name="require-later-notice">
    <xsl:param name="kind"/>
    <xsl:param name="results"/>
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

  <!--
    Interview notices: the secretariat's refusal of the simplified route
    (R6), when one came between the review and the notice.
  -->
  <xsl:variable name="confirmation-refused"
		select="$result/following-sibling::e:confirmation[@confirmed = 'false']
			[following-sibling::e:notice[count(. | $notice) = 1]][1]"/>

  <!-- The projects of the form, for an interview (2 or 3 are presented). -->
  <xsl:variable name="application-projects"
		select="$application/e:projects/e:project[normalize-space(e:title) != '']"/>

  <!--
    Failure notices: the publicity an objection interrupted and the
    resolution that upheld it (R6b), when the failure is objection-upheld.
  -->
  <xsl:variable name="upheld-resolution"
		select="$result/preceding-sibling::e:resolution[@upheld = 'true'][1]"/>
  <xsl:variable name="last-publicity"
		select="$result/preceding-sibling::e:publicity[1]"/>

  <!--
    The reasons of a failure that call for advice, one per distinct
    dimension: dimension-not-met names it, score-knowledge and score-ethics
    imply it.
  -->
  <xsl:variable name="advised-dimensions">
    <xsl:for-each select="$result/e:reason">
      <xsl:choose>
	<xsl:when test="@code = 'dimension-not-met' and normalize-space(@dimension) != ''">
	  <xsl:value-of select="concat(' ', normalize-space(@dimension), ' ')"/>
	</xsl:when>
	<xsl:when test="@code = 'score-knowledge'"> knowledge </xsl:when>
	<xsl:when test="@code = 'score-ethics'"> ethics </xsl:when>
      </xsl:choose>
    </xsl:for-each>
  </xsl:variable>

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

  <!-- ========================================= certification texts == -->

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

  <!-- The certificate's printable file: the SVG's name, else the XML's. -->
  <xsl:template name="certificate-file-name">
    <xsl:call-template name="file-name">
      <xsl:with-param name="path">
	<xsl:choose>
	  <xsl:when test="normalize-space($result/@svg) != ''">
	    <xsl:value-of select="normalize-space($result/@svg)"/>
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
	<xsl:text>您提交的工程会员再注册申请</xsl:text>
	<xsl:if test="$application-id != ''">
	  <xsl:value-of select="concat('（申请编号：', $application-id, '）')"/>
	</xsl:if>
	<xsl:text>已收悉。经审查，您在原证书有效期内的持续职业发展活动符合再注册要求。本学会决定予以再注册，注册为</xsl:text>
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

  <!-- How the certificate is used and checked, one sentence each. -->
  <xsl:template name="certificate-use-issued">
    <xsl:variable name="file">
      <xsl:call-template name="certificate-file-name"/>
    </xsl:variable>
    <xsl:value-of select="concat('本证书由', $signatory, '签发。')"/>
    <xsl:if test="$file != ''">
      <xsl:value-of select="concat('电子证书文件（', $file, '）随本通知一并提供，可直接打印使用，请妥善保管。')"/>
    </xsl:if>
  </xsl:template>

  <xsl:variable name="certificate-use-check">证书信息可在中国工程师联合体官网和本学会官方平台查询。他人查验您的证书时，可凭注册编号和证书验证码核对证书的真实性和当前状态。</xsl:variable>

  <xsl:variable name="certificate-use-replaced">新证书签发后，您此前持有的工程会员证书由新证书替代，不再使用；注册编号保持不变。</xsl:variable>

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

  <!-- ======================================= status change texts == -->

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

  <!-- ============================================ expiry texts == -->

  <!-- An expiry of a supplement request (R4) rather than of a return. -->
  <xsl:variable name="supplement-expiry"
		select="boolean($validation/e:reason[@code = 'supplement-expired'])"/>

  <!-- The notice an expiry follows (the return, or the supplement request),
       and the late package if one came. -->
  <xsl:variable name="return-notice"
		select="$notice/preceding-sibling::e:notice[($supplement-expiry and @kind = 'supplement') or (not($supplement-expiry) and @kind = 'returned')][1]"/>

  <xsl:variable name="expiry-title">
    <xsl:choose>
      <xsl:when test="$supplement-expiry">逾期未补充材料通知</xsl:when>
      <xsl:otherwise>逾期未补正通知</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:variable name="late-package-date">
    <xsl:if test="normalize-space($submission/@received) != ''">
      <xsl:call-template name="chinese-date">
	<xsl:with-param name="iso" select="$submission/@received"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:variable>

  <!-- The first paragraph of an expiry notice: the return and its deadline. -->
  <xsl:template name="expiry-return-sentence">
    <xsl:if test="$supplement-expiry">
      <xsl:call-template name="expiry-supplement-sentence"/>
    </xsl:if>
    <xsl:if test="not($supplement-expiry)">
      <xsl:call-template name="expiry-returned-sentence"/>
    </xsl:if>
  </xsl:template>

  <!-- The same for a supplement request and its deadline (R4). -->
  <xsl:template name="expiry-supplement-sentence">
    <xsl:choose>
      <xsl:when test="$return-notice">
	<xsl:text>本学会于</xsl:text>
	<xsl:call-template name="chinese-date">
	  <xsl:with-param name="iso" select="$return-notice/@date"/>
	</xsl:call-template>
	<xsl:text>向您发出了补充材料通知</xsl:text>
	<xsl:if test="$application-id != '' and string(number($return-notice/@seq)) != 'NaN'">
	  <xsl:value-of select="concat('（通知编号 ', $application-id, '-', format-number($return-notice/@seq, '00'), '）')"/>
	</xsl:if>
	<xsl:text>，请您就</xsl:text>
      </xsl:when>
      <xsl:otherwise>本学会此前已请您就</xsl:otherwise>
    </xsl:choose>
    <xsl:call-template name="application-phrase"/>
    <xsl:text>补充材料，并在</xsl:text>
    <xsl:choose>
      <xsl:when test="$deadline != ''">
	<xsl:value-of select="concat($deadline, '（含当日）')"/>
      </xsl:when>
      <xsl:otherwise>规定的期限</xsl:otherwise>
    </xsl:choose>
    <xsl:text>之前提交补充后的完整申请材料。</xsl:text>
  </xsl:template>

  <xsl:template name="expiry-returned-sentence">
    <xsl:choose>
      <xsl:when test="$return-notice">
	<xsl:text>本学会于</xsl:text>
	<xsl:call-template name="chinese-date">
	  <xsl:with-param name="iso" select="$return-notice/@date"/>
	</xsl:call-template>
	<xsl:text>向您发出了退回补正通知</xsl:text>
	<xsl:if test="$application-id != '' and string(number($return-notice/@seq)) != 'NaN'">
	  <xsl:value-of select="concat('（通知编号 ', $application-id, '-', format-number($return-notice/@seq, '00'), '）')"/>
	</xsl:if>
	<xsl:text>，将您的</xsl:text>
      </xsl:when>
      <xsl:otherwise>本学会此前已将您的</xsl:otherwise>
    </xsl:choose>
    <xsl:call-template name="application-phrase"/>
    <xsl:text>退回补正，请您在</xsl:text>
    <xsl:choose>
      <xsl:when test="$deadline != ''">
	<xsl:value-of select="concat($deadline, '（含当日）')"/>
      </xsl:when>
      <xsl:otherwise>规定的补正期限</xsl:otherwise>
    </xsl:choose>
    <xsl:text>之前重新提交补正后的完整申请材料。</xsl:text>
  </xsl:template>

  <!-- What happened by the deadline: a package too late, or nothing. -->
  <xsl:template name="expiry-outcome-sentence">
    <xsl:if test="$supplement-expiry">
      <xsl:call-template name="expiry-supplement-outcome"/>
    </xsl:if>
    <xsl:if test="not($supplement-expiry)">
      <xsl:call-template name="expiry-returned-outcome"/>
    </xsl:if>
  </xsl:template>

  <xsl:template name="expiry-supplement-outcome">
    <xsl:choose>
      <xsl:when test="$late-package-date != ''">
	<xsl:value-of select="concat('本学会于', $late-package-date, '收到您补充后的材料，此时补充材料期限已过，因此未能受理，也未对其进行审查。')"/>
      </xsl:when>
      <xsl:when test="$submission">
	<xsl:text>您补充后的材料送达时补充材料期限已过，因此未能受理，也未对其进行审查。</xsl:text>
      </xsl:when>
      <xsl:otherwise>
	<xsl:text>截至补充材料期限届满，本学会未收到您补充后的申请材料。</xsl:text>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:text>根据工程能力评价的有关规定，您的本次申请</xsl:text>
    <xsl:if test="$application-id != ''">
      <xsl:value-of select="concat('（申请编号 ', $application-id, '）')"/>
    </xsl:if>
    <xsl:text>已因逾期未补充材料而失效，不再继续办理。</xsl:text>
  </xsl:template>

  <xsl:template name="expiry-returned-outcome">
    <xsl:choose>
      <xsl:when test="$late-package-date != ''">
	<xsl:value-of select="concat('本学会于', $late-package-date, '收到您重新提交的材料，此时补正期限已过，因此未能受理，也未对其进行审查。')"/>
      </xsl:when>
      <xsl:when test="$submission">
	<xsl:text>您重新提交的材料送达时补正期限已过，因此未能受理，也未对其进行审查。</xsl:text>
      </xsl:when>
      <xsl:otherwise>
	<xsl:text>截至补正期限届满，本学会未收到您补正后的申请材料。</xsl:text>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:text>根据工程能力评价的有关规定，您的本次申请</xsl:text>
    <xsl:if test="$application-id != ''">
      <xsl:value-of select="concat('（申请编号 ', $application-id, '）')"/>
    </xsl:if>
    <xsl:text>已因逾期未补正而失效，不再继续办理。</xsl:text>
  </xsl:template>

  <xsl:variable name="expiry-advice">
    <xsl:choose>
      <xsl:when test="$supplement-expiry">如您仍希望参加工程能力评价，欢迎另行提出新的申请。新的申请须提交一份完整的申请材料包，请一并补充此前补充材料通知中所列的材料。</xsl:when>
      <xsl:otherwise>如您仍希望参加工程能力评价，欢迎另行提出新的申请。新的申请须提交一份完整的申请材料包，请一并改正此前退回补正通知中所列的问题。</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

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

  <!-- "您于2026年11月24日提交的" when the package's date is known. -->
  <xsl:template name="submitted-phrase">
    <xsl:choose>
      <xsl:when test="normalize-space($submission/@received) != ''">
	<xsl:text>您于</xsl:text>
	<xsl:call-template name="chinese-date">
	  <xsl:with-param name="iso" select="$submission/@received"/>
	</xsl:call-template>
	<xsl:text>提交的</xsl:text>
      </xsl:when>
      <xsl:otherwise>您提交的</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "工程能力评价申请（申请编号：…，申请级别：…）" with what is known. -->
  <xsl:template name="application-phrase">
    <xsl:text>工程能力评价申请</xsl:text>
    <xsl:if test="$application-id != ''">
      <xsl:text>（申请编号：</xsl:text>
      <xsl:value-of select="$application-id"/>
      <xsl:if test="$level-name != ''">
	<xsl:text>，申请级别：</xsl:text>
	<xsl:value-of select="$level-name"/>
      </xsl:if>
      <xsl:text>）</xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- ============================================== XHTML: styles == -->

  <xsl:template name="html-head">
    <xsl:param name="title"/>
    <head>
      <meta charset="UTF-8"/>
      <meta name="viewport" content="width=device-width, initial-scale=1"/>
      <title>
	<xsl:value-of select="$title"/>
	<xsl:if test="$application-id != ''">
	  <xsl:text> - </xsl:text>
	  <xsl:value-of select="$application-id"/>
	</xsl:if>
	<xsl:text> - </xsl:text>
	<xsl:value-of select="$signatory"/>
      </title>
      <style type="text/css">
	<xsl:call-template name="html-css"/>
      </style>
    </head>
  </xsl:template>

  <xsl:template name="html-css">
    <xsl:text>
@page {
	size: A4 portrait;
	margin: 25mm 22mm 20mm 25mm;
	@bottom-right {
		content: "第 " counter(page) " 页";
		font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif;
		font-size: 9pt;
		color: #555;
	}
}
html {
	background: #e8e8e8;
}
body {
	margin: 0;
	padding: 12mm 0;
	color: #000;
	font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif;
	font-size: 12pt;
	line-height: 1.8;
}
.sheet {
	box-sizing: border-box;
	width: 210mm;
	min-height: 297mm;
	margin: 0 auto;
	padding: 25mm 22mm 20mm 25mm;
	background: #fff;
	box-shadow: 0 1mm 4mm rgba(0, 0, 0, 0.25);
	display: flex;
	flex-direction: column;
}
.letter {
	flex: 1 0 auto;
}
.letterhead {
	text-align: center;
	border-bottom: 2px solid #a00;
	padding-bottom: 3mm;
	margin-bottom: 6mm;
}
.letterhead .society {
	font-size: 20pt;
	font-weight: bold;
	letter-spacing: 0.15em;
	color: #a00;
	line-height: 1.4;
}
.letterhead .society-en {
	font-size: 10.5pt;
	letter-spacing: 0.03em;
	color: #a00;
	line-height: 1.4;
}
h1 {
	font-size: 18pt;
	text-align: center;
	letter-spacing: 0.3em;
	margin: 0 0 1mm 0;
}
.reference {
	text-align: right;
	font-size: 10.5pt;
	margin: 0 0 4mm 0;
}
table.particulars {
	border-collapse: collapse;
	margin: 0 0 5mm 0;
	font-size: 11pt;
	line-height: 1.6;
}
table.particulars th {
	text-align: justify;
	text-align-last: justify;
	font-weight: normal;
	width: 6.5em;
	padding: 0 1em 0 0;
	vertical-align: top;
}
table.particulars td {
	padding: 0;
	vertical-align: top;
}
.salutation {
	margin: 0 0 2mm 0;
}
p {
	margin: 0 0 2mm 0;
	text-indent: 2em;
	text-align: justify;
}
h2 {
	font-size: 13pt;
	margin: 5mm 0 2mm 0;
}
ol.reasons {
	margin: 0 0 3mm 0;
	padding-left: 2em;
}
ol.reasons li {
	margin: 0 0 2mm 0;
	break-inside: avoid;
	page-break-inside: avoid;
}
ol.reasons .heading {
	display: block;
	font-weight: bold;
}
ol.reasons .detail {
	display: block;
	overflow-wrap: anywhere;
	word-break: break-word;
}
ol.steps {
	margin: 0 0 3mm 0;
	padding-left: 2em;
}
ol.steps li, ul.notes li {
	margin: 0 0 1mm 0;
}
ul.notes {
	margin: 0 0 3mm 0;
	padding-left: 2em;
}
table.data {
	border-collapse: collapse;
	margin: 0 0 3mm 0;
	font-size: 10.5pt;
	line-height: 1.5;
	break-inside: avoid;
	page-break-inside: avoid;
}
table.data th, table.data td {
	border: 1px solid #666;
	padding: 1mm 2mm;
	vertical-align: top;
	text-align: left;
}
table.data thead th {
	background: #f0f0f0;
	text-align: center;
}
table.data td.number {
	text-align: right;
	white-space: nowrap;
}
table.data tr.short td {
	font-weight: bold;
}
table.data tr.total td, table.data tr.total th {
	border-top: 2px solid #333;
}
.code {
	font-family: "DejaVu Sans Mono", "Noto Sans Mono CJK SC", monospace;
	font-weight: bold;
	letter-spacing: 0.05em;
}
.deadline {
	font-weight: bold;
	text-decoration: underline;
}
.closing {
	margin-top: 4mm;
}
.closing .regards {
	text-indent: 2em;
	margin: 0;
}
.closing .salute {
	text-indent: 0;
	margin: 0;
}
.signature {
	margin: 10mm 0 0 auto;
	width: max-content;
	text-align: center;
	break-inside: avoid;
	page-break-inside: avoid;
}
.signature .who, .signature .when {
	text-indent: 0;
	margin: 0;
}
.footer {
	margin-top: 10mm;
	border-top: 1px solid #999;
	padding-top: 2mm;
	font-size: 9pt;
	line-height: 1.5;
	color: #555;
	display: flex;
	justify-content: space-between;
}
@media print {
	html {
		background: none;
	}
	body {
		padding: 0;
	}
	.sheet {
		width: auto;
		min-height: 250mm;
		padding: 0;
		box-shadow: none;
	}
	h2 {
		break-after: avoid;
		page-break-after: avoid;
	}
}
</xsl:text>
  </xsl:template>

  <!-- ============================================== XHTML: parts == -->

  <xsl:template name="html-letterhead">
    <div class="letterhead">
      <div class="society"><xsl:value-of select="$signatory"/></div>
      <xsl:if test="$society-name-en != ''">
	<div class="society-en" lang="en"><xsl:value-of select="$society-name-en"/></div>
      </xsl:if>
    </div>
  </xsl:template>

  <xsl:template name="html-title">
    <xsl:param name="title"/>
    <h1><xsl:value-of select="$title"/></h1>
    <div class="reference">
      <xsl:text>通知编号：</xsl:text>
      <xsl:value-of select="$reference"/>
    </div>
  </xsl:template>

  <xsl:template name="html-particular">
    <xsl:param name="label"/>
    <xsl:param name="value"/>
    <xsl:if test="normalize-space($value) != ''">
      <tr>
	<th scope="row"><xsl:value-of select="$label"/></th>
	<td><xsl:value-of select="$value"/></td>
      </tr>
    </xsl:if>
  </xsl:template>

  <!-- Who and what the letter is about; rows that are unknown are left out. -->
  <xsl:template name="html-particulars">
    <table class="particulars">
      <tbody>
	<tr>
	  <th scope="row">申请人</th>
	  <td>
	    <xsl:choose>
	      <xsl:when test="$applicant-name != ''">
		<xsl:value-of select="$applicant-name"/>
	      </xsl:when>
	      <xsl:otherwise>（申请表未能读取，姓名不详）</xsl:otherwise>
	    </xsl:choose>
	  </td>
	</tr>
	<xsl:call-template name="html-particular">
	  <xsl:with-param name="label">证件号码</xsl:with-param>
	  <xsl:with-param name="value" select="$dossier/@idMasked"/>
	</xsl:call-template>
	<xsl:call-template name="html-particular">
	  <xsl:with-param name="label">申请编号</xsl:with-param>
	  <xsl:with-param name="value" select="$application-id"/>
	</xsl:call-template>
	<xsl:call-template name="html-particular">
	  <xsl:with-param name="label">申请级别</xsl:with-param>
	  <xsl:with-param name="value" select="$level-name"/>
	</xsl:call-template>
	<xsl:call-template name="html-particular">
	  <xsl:with-param name="label">工程技术领域</xsl:with-param>
	  <xsl:with-param name="value" select="$field-name"/>
	</xsl:call-template>
	<xsl:call-template name="html-particular">
	  <xsl:with-param name="label">通知日期</xsl:with-param>
	  <xsl:with-param name="value" select="$notice-date"/>
	</xsl:call-template>
      </tbody>
    </table>
  </xsl:template>

  <xsl:template name="html-salutation">
    <div class="salutation">
      <xsl:text>尊敬的</xsl:text>
      <xsl:value-of select="$addressee"/>
      <xsl:text>：</xsl:text>
    </div>
  </xsl:template>

  <!-- Every reason of the validation: heading, then its own text. -->
  <xsl:template name="html-reasons">
    <xsl:param name="reasons" select="$validation/e:reason"/>
    <ol class="reasons">
      <xsl:for-each select="$reasons">
	<li>
	  <span class="heading">
	    <xsl:call-template name="reason-title"/>
	  </span>
	  <xsl:if test="normalize-space(.) != ''">
	    <span class="detail"><xsl:value-of select="normalize-space(.)"/></span>
	  </xsl:if>
	</li>
      </xsl:for-each>
    </ol>
  </xsl:template>

  <!-- The validation's notes (extra files and the like), when it has any. -->
  <xsl:template name="html-notes">
    <xsl:param name="heading" select="'其他说明'"/>
    <xsl:if test="$validation/e:note[normalize-space(.) != '']">
      <h2><xsl:value-of select="$heading"/></h2>
      <ul class="notes">
	<xsl:for-each select="$validation/e:note[normalize-space(.) != '']">
	  <li><xsl:value-of select="normalize-space(.)"/></li>
	</xsl:for-each>
      </ul>
    </xsl:if>
  </xsl:template>

  <xsl:template name="html-closing">
    <div class="closing">
      <p>
	<xsl:text>如对本通知有疑问，请与</xsl:text>
	<xsl:value-of select="$signatory"/>
	<xsl:text>联系</xsl:text>
	<xsl:if test="$application-id != ''">
	  <xsl:text>，联系时请注明申请编号 </xsl:text>
	  <xsl:value-of select="$application-id"/>
	</xsl:if>
	<xsl:text>。</xsl:text>
      </p>
      <p>特此通知。</p>
      <p class="regards">此致</p>
      <p class="salute">敬礼！</p>
    </div>
    <div class="signature">
      <p class="who"><xsl:value-of select="$signatory"/></p>
      <p class="when"><xsl:value-of select="$notice-date"/></p>
    </div>
  </xsl:template>

  <xsl:template name="html-footer">
    <div class="footer">
      <span>
	<xsl:value-of select="$signatory"/>
	<xsl:if test="$society-name-en != ''">
	  <xsl:text>　</xsl:text>
	  <span lang="en"><xsl:value-of select="$society-name-en"/></span>
	</xsl:if>
      </span>
      <span><xsl:value-of select="$notice-date"/></span>
    </div>
  </xsl:template>

  <!--
    The whole XHTML page around a letter's body (given as BODY, a result tree
    fragment of paragraphs and sections).
  -->
  <xsl:template name="html-page">
    <xsl:param name="title"/>
    <xsl:param name="body"/>
    <html lang="zh-CN" xml:lang="zh-CN">
      <xsl:call-template name="html-head">
	<xsl:with-param name="title" select="$title"/>
      </xsl:call-template>
      <body>
	<div class="sheet">
	  <div class="letter">
	    <xsl:call-template name="html-letterhead"/>
	    <xsl:call-template name="html-title">
	      <xsl:with-param name="title" select="$title"/>
	    </xsl:call-template>
	    <xsl:call-template name="html-particulars"/>
	    <xsl:call-template name="html-salutation"/>
	    <xsl:copy-of select="$body"/>
	    <xsl:call-template name="html-closing"/>
	  </div>
	  <xsl:call-template name="html-footer"/>
	</div>
      </body>
    </html>
  </xsl:template>

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

  <xsl:template name="text-columns">
    <xsl:param name="text"/>
    <xsl:value-of select="string-length($text)
			  + string-length(translate($text, $narrow-characters, ''))"/>
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
  -->
  <xsl:template name="text-wrap">
    <xsl:param name="text"/>
    <xsl:param name="first" select="''"/>
    <xsl:param name="indent" select="''"/>
    <xsl:param name="width" select="$text-width"/>
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
	<xsl:call-template name="text-wrap">
	  <xsl:with-param name="text" select="substring($content, 1, $split)"/>
	  <xsl:with-param name="first" select="$first"/>
	  <xsl:with-param name="indent" select="$indent"/>
	  <xsl:with-param name="width" select="$width"/>
	</xsl:call-template>
	<xsl:call-template name="text-wrap">
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
    <xsl:variable name="columns"
		  select="string-length($text)
			  + string-length(translate($text, $narrow-characters, ''))"/>
    <xsl:if test="$columns &lt; $width">
      <xsl:value-of select="substring($spaces, 1, floor(($width - $columns) div 2))"/>
    </xsl:if>
    <xsl:value-of select="concat($text, '&#10;')"/>
  </xsl:template>

  <!-- TEXT set against the right margin (left as it is when wider). -->
  <xsl:template name="text-right">
    <xsl:param name="text"/>
    <xsl:param name="width" select="$text-width"/>
    <xsl:variable name="columns"
		  select="string-length($text)
			  + string-length(translate($text, $narrow-characters, ''))"/>
    <xsl:if test="$columns &lt; $width">
      <xsl:value-of select="substring($spaces, 1, $width - $columns)"/>
    </xsl:if>
    <xsl:value-of select="concat($text, '&#10;')"/>
  </xsl:template>

  <xsl:template name="text-heading">
    <xsl:param name="text"/>
    <xsl:value-of select="concat('【', $text, '】&#10;&#10;')"/>
  </xsl:template>

  <!-- ============================================== text: parts == -->

  <xsl:template name="text-letterhead">
    <xsl:call-template name="text-centred">
      <xsl:with-param name="text" select="$signatory"/>
    </xsl:call-template>
    <xsl:if test="$society-name-en != ''">
      <xsl:call-template name="text-centred">
	<xsl:with-param name="text" select="$society-name-en"/>
      </xsl:call-template>
    </xsl:if>
    <xsl:value-of select="concat($text-rule-heavy, '&#10;&#10;')"/>
  </xsl:template>

  <xsl:template name="text-title">
    <xsl:param name="title"/>
    <xsl:call-template name="text-centred">
      <xsl:with-param name="text" select="$title"/>
    </xsl:call-template>
    <xsl:call-template name="text-right">
      <xsl:with-param name="text" select="concat('通知编号：', $reference)"/>
    </xsl:call-template>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <xsl:template name="text-particular">
    <xsl:param name="label"/>
    <xsl:param name="value"/>
    <xsl:if test="normalize-space($value) != ''">
      <xsl:call-template name="text-wrap">
	<xsl:with-param name="text" select="$value"/>
	<xsl:with-param name="first" select="concat('  ', $label, '：')"/>
	<xsl:with-param name="indent" select="'            '"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template name="text-particulars">
    <xsl:call-template name="text-particular">
      <xsl:with-param name="label">申 请 人</xsl:with-param>
      <xsl:with-param name="value">
	<xsl:choose>
	  <xsl:when test="$applicant-name != ''">
	    <xsl:value-of select="$applicant-name"/>
	  </xsl:when>
	  <xsl:otherwise>（申请表未能读取，姓名不详）</xsl:otherwise>
	</xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="text-particular">
      <xsl:with-param name="label">证件号码</xsl:with-param>
      <xsl:with-param name="value" select="$dossier/@idMasked"/>
    </xsl:call-template>
    <xsl:call-template name="text-particular">
      <xsl:with-param name="label">申请编号</xsl:with-param>
      <xsl:with-param name="value" select="$application-id"/>
    </xsl:call-template>
    <xsl:call-template name="text-particular">
      <xsl:with-param name="label">申请级别</xsl:with-param>
      <xsl:with-param name="value" select="$level-name"/>
    </xsl:call-template>
    <xsl:call-template name="text-particular">
      <xsl:with-param name="label">技术领域</xsl:with-param>
      <xsl:with-param name="value" select="$field-name"/>
    </xsl:call-template>
    <xsl:call-template name="text-particular">
      <xsl:with-param name="label">通知日期</xsl:with-param>
      <xsl:with-param name="value" select="$notice-date"/>
    </xsl:call-template>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <xsl:template name="text-salutation">
    <xsl:value-of select="concat('尊敬的', $addressee, '：&#10;&#10;')"/>
  </xsl:template>

  <!-- Every reason, numbered: heading, then its own text indented below. -->
  <xsl:template name="text-reasons">
    <xsl:param name="reasons" select="$validation/e:reason"/>
    <xsl:for-each select="$reasons">
      <xsl:variable name="number" select="concat('  ', position(), '. ')"/>
      <xsl:variable name="title">
	<xsl:call-template name="reason-title"/>
      </xsl:variable>
      <xsl:call-template name="text-wrap">
	<xsl:with-param name="text" select="$title"/>
	<xsl:with-param name="first" select="$number"/>
	<xsl:with-param name="indent" select="substring($spaces, 1, string-length($number))"/>
      </xsl:call-template>
      <xsl:if test="normalize-space(.) != ''">
	<xsl:call-template name="text-wrap">
	  <xsl:with-param name="text" select="."/>
	  <xsl:with-param name="first" select="substring($spaces, 1, string-length($number))"/>
	  <xsl:with-param name="indent" select="substring($spaces, 1, string-length($number))"/>
	</xsl:call-template>
      </xsl:if>
      <xsl:text>&#10;</xsl:text>
    </xsl:for-each>
  </xsl:template>

  <!-- A numbered list of plain strings (result tree fragment of lines). -->
  <xsl:template name="text-item">
    <xsl:param name="marker"/>
    <xsl:param name="text"/>
    <xsl:call-template name="text-wrap">
      <xsl:with-param name="text" select="$text"/>
      <xsl:with-param name="first" select="concat('  ', $marker, ' ')"/>
      <xsl:with-param name="indent"
		      select="substring($spaces, 1, 3 + string-length($marker))"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="text-notes">
    <xsl:param name="heading" select="'其他说明'"/>
    <xsl:if test="$validation/e:note[normalize-space(.) != '']">
      <xsl:call-template name="text-heading">
	<xsl:with-param name="text" select="$heading"/>
      </xsl:call-template>
      <xsl:for-each select="$validation/e:note[normalize-space(.) != '']">
	<xsl:call-template name="text-item">
	  <xsl:with-param name="marker" select="'-'"/>
	  <xsl:with-param name="text" select="."/>
	</xsl:call-template>
      </xsl:for-each>
      <xsl:text>&#10;</xsl:text>
    </xsl:if>
  </xsl:template>

  <xsl:template name="text-closing">
    <xsl:variable name="contact">
      <xsl:text>如对本通知有疑问，请与</xsl:text>
      <xsl:value-of select="$signatory"/>
      <xsl:text>联系</xsl:text>
      <xsl:if test="$application-id != ''">
	<xsl:text>，联系时请注明申请编号 </xsl:text>
	<xsl:value-of select="$application-id"/>
      </xsl:if>
      <xsl:text>。</xsl:text>
    </xsl:variable>
    <xsl:call-template name="text-paragraph">
      <xsl:with-param name="text" select="$contact"/>
    </xsl:call-template>
    <xsl:text>    特此通知。&#10;&#10;</xsl:text>
    <xsl:text>    此致&#10;敬礼！&#10;&#10;&#10;</xsl:text>
    <xsl:variable name="who-columns"
		  select="string-length($signatory)
			  + string-length(translate($signatory, $narrow-characters, ''))"/>
    <xsl:variable name="when-columns"
		  select="string-length($notice-date)
			  + string-length(translate($notice-date, $narrow-characters, ''))"/>
    <xsl:variable name="block">
      <xsl:choose>
	<xsl:when test="$who-columns &gt; $when-columns"><xsl:value-of select="$who-columns"/></xsl:when>
	<xsl:otherwise><xsl:value-of select="$when-columns"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="margin">
      <xsl:choose>
	<xsl:when test="$block + 4 &lt; $text-width"><xsl:value-of select="$text-width - $block - 4"/></xsl:when>
	<xsl:otherwise>0</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:value-of select="concat(substring($spaces, 1, $margin + floor(($block - $who-columns) div 2)), $signatory, '&#10;')"/>
    <xsl:value-of select="concat(substring($spaces, 1, $margin + floor(($block - $when-columns) div 2)), $notice-date, '&#10;&#10;')"/>
  </xsl:template>

  <xsl:template name="text-footer">
    <xsl:value-of select="concat($text-rule-light, '&#10;')"/>
    <xsl:variable name="left" select="$signatory"/>
    <xsl:variable name="columns"
		  select="string-length($left) + string-length(translate($left, $narrow-characters, ''))
			  + string-length($notice-date)
			  + string-length(translate($notice-date, $narrow-characters, ''))"/>
    <xsl:value-of select="$left"/>
    <xsl:choose>
      <xsl:when test="$columns &lt; $text-width - 2">
	<xsl:value-of select="substring($spaces, 1, $text-width - $columns)"/>
      </xsl:when>
      <xsl:otherwise><xsl:text>  </xsl:text></xsl:otherwise>
    </xsl:choose>
    <xsl:value-of select="concat($notice-date, '&#10;')"/>
    <xsl:if test="$society-name-en != ''">
      <xsl:value-of select="concat($society-name-en, '&#10;')"/>
    </xsl:if>
  </xsl:template>

  <!-- The whole text letter around its body (a string of wrapped lines). -->
  <xsl:template name="text-page">
    <xsl:param name="title"/>
    <xsl:param name="body"/>
    <xsl:call-template name="text-letterhead"/>
    <xsl:call-template name="text-title">
      <xsl:with-param name="title" select="$title"/>
    </xsl:call-template>
    <xsl:call-template name="text-particulars"/>
    <xsl:call-template name="text-salutation"/>
    <xsl:value-of select="$body"/>
    <xsl:call-template name="text-closing"/>
    <xsl:call-template name="text-footer"/>
  </xsl:template>

  <!-- Under a public notice's title: which part of its run's list it is,
       when the list came in parts (publicity/@noticeEntries of the policy). -->
  <xsl:template name="public-part">
    <xsl:param name="list"/>
    <xsl:if test="$list/@parts">
      <p class="part">
	<xsl:value-of select="concat('（第', $list/@part, '部分，共', $list/@parts, '部分，序号连续）')"/>
      </p>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
