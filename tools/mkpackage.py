#!/usr/bin/env python3
"""mkpackage.py - builds one realistic application package (申请材料包).

The package is an archive holding application.xml (shared/spec/formats.md §1,
namespace urn:ecap:1) and the evidence files it lists. Everything that is not
given on the command line is drawn from --seed, so the same arguments always
give the same bytes. --defect NAME makes the package fail one rule of
process.md in a known way (see DEFECTS for the reason code each one should
produce); several may be combined.

As a command:   tools/mkpackage.py --seed 7 --level senior --out dropbox/
As a module:    import mkpackage
                options = mkpackage.Options(seed=7, level="senior")
                package = mkpackage.build(options)
                mkpackage.write_archive(package, "dropbox/x.zip", "zip")

Standard library only; the 7z format needs `bsdtar` (Debian: libarchive-tools).
"""

import argparse
import bz2
import dataclasses
import datetime
import gzip
import hashlib
import io
import lzma
import os
import random
import re
import subprocess
import sys
import tarfile
import zipfile
from xml.sax.saxutils import escape, quoteattr

NAMESPACE = "urn:ecap:1"
KINDS = ("initial", "upgrade", "reregistration")
LEVELS = ("apprentice", "professional", "senior")
DEGREES = ("associate", "bachelor", "master", "doctorate")
FORMATS = ("zip", "tar", "tar.gz", "tar.bz2", "tar.xz", "7z")
DIMENSIONS = ("knowledge", "ethics", "teamwork", "learning", "leadership")

# process.md R1.3 defaults, engineering degree: years by level and highest degree.
MINIMUM_YEARS = {
	"apprentice": {"associate": 2, "bachelor": 0, "master": 0, "doctorate": 0},
	"professional": {"associate": 8, "bachelor": 5, "master": 3, "doctorate": 2},
	"senior": {"associate": 15, "bachelor": 12, "master": 10, "doctorate": 8},
}

# Every defect this generator makes: (reason code of formats.md §5, outcome
# the validation should reach, what the defect is).
DEFECTS = {
	"statement-short": ("statement-length", "returned", "self-statement of about 1500 characters"),
	"statement-long": ("statement-length", "returned", "self-statement of about 4600 characters"),
	"statement-english": ("statement-language", "returned", "self-statement mostly in English"),
	"missing-id-back": ("evidence-identity", "returned", "no id-back file (form and archive)"),
	"missing-education": ("evidence-education", "returned", "no education file (form and archive)"),
	"passport-without-photo": ("evidence-identity", "returned", "passport holder without a passport file"),
	"evidence-missing": ("evidence-missing", "returned", "a file listed in the form is not in the archive"),
	"evidence-checksum": ("evidence-checksum", "returned", "a listed file's sha256 is wrong"),
	"classified": ("evidence-classified", "returned", "classified=\"true\" without desensitized"),
	"commitment-unsigned": ("commitment-unsigned", "returned", "commitment signed=\"false\""),
	"commitment-undated": ("commitment-unsigned", "returned", "commitment without a date"),
	"identity-check": ("identity-invalid", "returned", "resident ID with a wrong check character"),
	"identity-birth": ("identity-invalid", "returned", "resident ID whose birth date differs from birthDate"),
	"passport-bad": ("identity-invalid", "returned", "passport number with punctuation"),
	"projects-one": ("projects-count", "returned", "a single project at professional or senior level"),
	"schema": ("schema", "returned", "an element the schema does not know (<hobby>)"),
	"not-member": ("not-member", "rejected", "membership number not on the roster"),
	"member-name": ("not-member", "rejected", "membership number on the roster under another name"),
	"field": ("field-not-authorized", "rejected", "field code 'civil', not authorized"),
	"experience-short": ("insufficient-experience", "rejected", "work experience below the minimum"),
	"experience-undergraduate": ("insufficient-experience", "rejected",
				     "the only experience is during undergraduate study"),
	"no-application": ("no-application", "quarantined", "archive without application.xml"),
	"malformed": ("xml-malformed", "returned", "application.xml not well-formed (id still readable)"),
	# the reader stops at the DOCTYPE, before the root's id: no dossier to return
	"doctype": ("xml-malformed", "quarantined", "application.xml with a DOCTYPE declaring an entity"),
	"extra-file": ("extra-file", "accepted", "an unreferenced notes.txt (a note, not a defect)"),
}

# --- data banks ------------------------------------------------------------

# (name, pinyin for file names and e-mail, sex)
CHINESE_NAMES = (
	("张伟", "zhang wei", "m"), ("李娜", "li na", "f"), ("王建国", "wang jianguo", "m"),
	("刘洋", "liu yang", "m"), ("陈静", "chen jing", "f"), ("杨帆", "yang fan", "m"),
	("赵磊", "zhao lei", "m"), ("黄丽", "huang li", "f"), ("周强", "zhou qiang", "m"),
	("吴昊", "wu hao", "m"), ("徐明", "xu ming", "m"), ("孙莉", "sun li", "f"),
	("马骏", "ma jun", "m"), ("朱晓燕", "zhu xiaoyan", "f"), ("胡志刚", "hu zhigang", "m"),
	("郭敏", "guo min", "f"), ("何俊杰", "he junjie", "m"), ("高峰", "gao feng", "m"),
	("林晓婷", "lin xiaoting", "f"), ("罗斌", "luo bin", "m"), ("郑凯", "zheng kai", "m"),
	("梁雪", "liang xue", "f"), ("谢文涛", "xie wentao", "m"), ("宋佳", "song jia", "f"),
	("唐亮", "tang liang", "m"), ("韩冰", "han bing", "f"), ("冯宇", "feng yu", "m"),
	("邓晓东", "deng xiaodong", "m"), ("曹颖", "cao ying", "f"), ("彭程", "peng cheng", "m"),
	("曾庆华", "zeng qinghua", "m"), ("萧雅琴", "xiao yaqin", "f"), ("田野", "tian ye", "m"),
	("董立新", "dong lixin", "m"), ("袁媛", "yuan yuan", "f"), ("潘晨", "pan chen", "m"),
	("蒋文博", "jiang wenbo", "m"), ("蔡欣怡", "cai xinyi", "f"), ("余泽", "yu ze", "m"),
	("杜海涛", "du haitao", "m"),
)

# (name, romanized name, sex, nationality, passport number pattern: L letter, D digit)
FOREIGN_NAMES = (
	("金敏浩", "kim minho", "m", "KR", "MDDDDDDDD"),
	("陈志明", "tan chee meng", "m", "SG", "KDDDDDDDL"),
	("林美玲", "lim mei ling", "f", "MY", "ADDDDDDDD"),
	("佐藤健", "sato ken", "m", "JP", "TKDDDDDDD"),
	("朴贤宇", "park hyunwoo", "m", "KR", "MDDDDDDDD"),
)

# Real county-level administrative division codes (GB/T 2260).
AREA_CODES = (
	"110101", "110105", "110108", "120101", "130102", "140105", "210102", "220102",
	"230103", "310104", "320102", "320106", "330106", "340104", "350102", "360102",
	"370102", "410105", "420106", "430104", "440106", "450103", "500103", "510107",
	"520102", "530102", "610113", "620102",
)

# (employer, city, province)
EMPLOYERS = (
	("华北电力设计院有限公司", "北京", "河北"),
	("国网北京市电力公司", "北京", "北京"),
	("中国电力科学研究院有限公司", "北京", "华北"),
	("南方电网科学研究院有限责任公司", "广州", "广东"),
	("国网江苏省电力有限公司南京供电分公司", "南京", "江苏"),
	("许继电气股份有限公司", "许昌", "河南"),
	("南京南瑞继保电气有限公司", "南京", "江苏"),
	("中国电建集团华东勘测设计研究院有限公司", "杭州", "浙江"),
	("国网湖北省电力有限公司武汉供电公司", "武汉", "湖北"),
	("广东电网有限责任公司广州供电局", "广州", "广东"),
	("中国能源建设集团广东省电力设计研究院有限公司", "广州", "广东"),
	("国网四川省电力公司电力科学研究院", "成都", "四川"),
	("国网山东省电力公司济南供电公司", "济南", "山东"),
	("西安西电变压器有限责任公司", "西安", "陕西"),
	("国网浙江省电力有限公司杭州供电公司", "杭州", "浙江"),
	("中国电建集团西北勘测设计研究院有限公司", "西安", "陕西"),
)

UNIVERSITIES = (
	"华北电力大学", "清华大学", "西安交通大学", "华中科技大学", "浙江大学", "东南大学",
	"四川大学", "武汉大学", "重庆大学", "天津大学", "上海交通大学", "山东大学",
	"哈尔滨工业大学", "三峡大学", "上海电力大学", "长沙理工大学",
)
COLLEGES = ("郑州电力高等专科学校", "重庆电力高等专科学校", "长沙电力职业技术学院",
	    "保定电力职业技术学院")
MAJORS = {
	"associate": ("发电厂及电力系统", "供用电技术"),
	"bachelor": ("电气工程及其自动化", "电气工程及其自动化", "智能电网信息工程"),
	"master": ("电气工程", "电力系统及其自动化", "高电压与绝缘技术"),
	"doctorate": ("电力系统及其自动化", "电气工程", "高电压与绝缘技术"),
}
STATIONS = ("东郊", "西山", "临港", "南湖", "金桥", "高新", "滨江", "北辰", "望江", "云龙",
	    "青山", "柳湾")
JOURNALS = ("《电力系统保护与控制》", "《电网技术》", "《中国电机工程学报》",
	    "《电力自动化设备》", "《高电压技术》", "《电力系统自动化》")

# (title template, roles by seniority (junior, senior), contribution template)
PROJECTS = (
	("{city}{kv}千伏{station}变电站新建工程", ("电气一次设计人", "电气一次专业负责人"),
	 "本人负责电气主接线方案比选、短路电流计算和主要电气设备选型，完成初步设计和施工图设计，"
	 "组织了设计联络会和现场技术交底，工程一次投运成功。"),
	("{city}电网继电保护定值整定与运行分析", ("整定计算人员", "整定计算负责人"),
	 "本人建立电网短路计算模型，完成{kv}千伏及以下线路和主变压器保护定值整定及配合校核，"
	 "编写年度运行方式下的保护配置分析报告，纠正了两处时间级差不足的问题。"),
	("{province}电网调度自动化主站系统升级改造", ("系统调试人员", "项目技术负责人"),
	 "本人负责需求分析、系统配置和历史数据迁移方案，组织完成主站与各厂站的联调，"
	 "切换期间未影响电网调度运行。"),
	("{station}{kv}千伏变电站智能化改造工程", ("二次调试人员", "调试负责人"),
	 "本人编写二次回路检查和保护装置单体调试方案，完成全站遥信、遥测、遥控对点试验，"
	 "改造后保护装置未发生不正确动作。"),
	("{city}城区配电网自动化建设工程", ("设计人员", "项目经理"),
	 "本人完成馈线自动化方案设计，明确故障定位、隔离和恢复供电逻辑，"
	 "使故障区段隔离时间由小时级缩短到分钟级。"),
	("{kv}千伏{station}输电线路工程", ("电气设计人", "电气专业主设人"),
	 "本人负责导线选型、绝缘配合和防雷设计，计算线路耐雷水平和雷击跳闸率，"
	 "在雷害多发区段增设线路避雷器。"),
	("{province}新能源场站并网性能检测与评估", ("检测人员", "检测组长"),
	 "本人制定光伏和风电场站并网检测方案，分析无功补偿装置的调节特性，"
	 "提出静止无功发生器（SVG）容量配置和控制参数优化建议。"),
	("{city}{station}储能电站接入系统设计", ("设计人员", "设计负责人"),
	 "本人完成储能电站接入方案的潮流和短路计算，确定接入电压等级和并网点，"
	 "编制接入系统设计报告并通过电网公司评审。"),
)

# Sentences of the self-statement by dimension. {p1} {p2}: project titles.
STATEMENT_BANK = {
	"knowledge": (
		"本人自{start_year}年参加工作以来一直从事电力系统及其自动化方面的工程技术工作，现就职于{employer}，主要承担变电站电气设计、继电保护整定计算和电网运行分析等任务。",
		"在变电站工程设计中，本人负责主接线方案比选、短路电流计算和主要电气设备选型，根据系统规划数据校核了断路器开断能力和母线动热稳定。",
		"针对{station}变电站{kv}千伏侧出线间隔较多、场地受限的特点，本人提出采用气体绝缘金属封闭开关设备（GIS）户内布置方案，节约占地约百分之三十五。",
		"本人编制了全站继电保护及安全自动装置配置方案，线路保护采用双重化配置的纵联差动保护，母线保护按双母线双分段接线完成了配置和整定。",
		"在整定计算工作中，本人建立了{city}电网的短路计算模型，逐一核对了各级保护的配合关系，发现并纠正了两处后备保护时间级差不足的问题。",
		"本人熟悉智能变电站过程层、间隔层和站控层的结构，掌握国际电工委员会（IEC）61850标准的建模方法，能够独立审核全站系统配置描述（SCD）文件。",
		"在变电站改造工程的调试阶段，本人编写了二次回路检查和保护装置单体调试方案，组织完成了全站遥信、遥测、遥控的对点试验，投运后保护装置未发生不正确动作。",
		"本人参与了{province}电网迎峰度夏运行方式的计算分析，采用电力系统分析综合程序进行潮流和暂态稳定计算，提出了限制短路电流的分母运行措施。",
		"针对新能源大规模接入带来的电压波动问题，本人分析了光伏电站无功补偿装置的调节特性，提出了静止无功发生器（SVG）的容量配置和控制参数优化建议。",
		"在主变压器选型中，本人综合考虑负荷增长、损耗评价和运输条件，比较了三绕组变压器与自耦变压器两种方案的全寿命周期成本，推荐方案被设计评审采纳。",
		"本人掌握接地网设计与校验方法，按照土壤电阻率测试结果完成了接地电阻、跨步电压和接触电压的计算，并提出了深井接地等降阻措施。",
		"在配电网自动化工作中，本人完成了馈线自动化方案设计，明确了故障定位、隔离和非故障区段恢复供电的逻辑，使故障隔离时间由小时级缩短到分钟级。",
		"本人负责编写施工图设计说明和设备材料清册，所完成的图纸经过设计校审和施工图审查，没有出现影响工程安全的差错。",
		"对于运行中暴露出的电流互感器饱和问题，本人通过分析故障录波数据找到原因，提出了更换高准确限值系数电流互感器的整改方案。",
		"本人参与了{kv}千伏线路工程的防雷设计，计算了线路耐雷水平和雷击跳闸率，在雷害多发区段增设了线路避雷器，投运后雷击跳闸次数明显下降。",
		"通过这些工程实践，本人能够综合运用电路理论、电机学、电力系统分析和高电压技术等专业知识，解决变电站设计与电网运行中的复杂工程问题。",
	),
	"ethics": (
		"本人始终把电网安全和人身安全放在首位，严格执行《电力安全工作规程》，在现场工作中坚持工作票和操作票制度，从不违章指挥、违章作业。",
		"在一项变电站工程建设中，曾有施工单位为赶工期提出简化接地网施工工艺，本人坚持按设计和规范要求施工，并书面说明了可能造成的安全风险。",
		"本人严格遵守保密纪律，对涉及电网结构和调度运行的资料按规定管理，对外提交的技术材料均经过脱密处理。",
		"在设备招标技术评审中，本人按照公开、公平、公正的原则独立出具评审意见，不接受投标单位的宴请和礼品，主动回避与本人有利害关系的评审事项。",
		"本人认为工程师对社会负有责任，在方案比选时不仅考虑工程造价，也充分评估电磁环境、噪声和土地占用对周边居民的影响。",
		"在发现已投运设备存在设计缺陷后，本人如实向单位报告并主动提出整改措施，没有因为担心影响个人考核而隐瞒问题。",
		"本人尊重他人的知识产权，在技术总结和论文写作中如实注明引用的资料和合作者的贡献。",
		"在工程质量验收中，本人坚持以检测数据为依据，对不符合要求的隐蔽工程坚决不予签字，督促施工单位返工整改。",
		"本人积极参加单位组织的安全生产警示教育，认真学习典型事故案例，把事故教训转化为设计和运行中的具体防范措施。",
		"本人在工作中注重节能环保，在变电站设计中推广低损耗变压器和环保型绝缘气体，减少六氟化硫的使用和排放。",
	),
	"teamwork": (
		"{p1}涉及设计、施工、调试和运行等多个单位，本人作为电气专业接口人，每周组织协调会，及时解决了设计与设备厂家之间的接口问题。",
		"本人与土建、总图、暖通等专业密切配合，在设备布置和电缆通道设计中充分听取各专业意见，避免了施工阶段的返工。",
		"在调试过程中，本人与运维单位保持沟通，根据运行人员的操作习惯优化了监控画面和操作流程，得到了运行单位的认可。",
		"本人注重与同事分享经验，编写了继电保护整定计算的工作指引，帮助新入职的同事尽快熟悉工作。",
		"面对不同专业背景的业主代表，本人尽量用通俗的语言解释技术方案的利弊，使决策者能够在充分理解的基础上作出选择。",
		"在跨部门联合攻关中，本人负责电气部分的技术方案，与通信和自动化专业的同事共同完成了调度数据网的接入测试。",
		"本人能够用书面和口头两种方式清楚表达技术观点，多次在设计评审会上汇报方案并回答专家提问。",
		"当我们团队内部对技术路线存在分歧时，本人组织大家列出各方案的技术经济指标进行比较，以数据说话，最终形成一致意见。",
		"在与设备厂家的技术联络中，本人准确提出功能和接口要求，并形成书面会议纪要，保证了各方对技术条件的理解一致。",
		"本人与{city}供电公司调度和运维人员建立了良好的沟通机制，工程投运后及时收集运行反馈，持续改进设计。",
	),
	"learning": (
		"本人坚持每年参加继续教育，系统学习了新型电力系统、柔性直流输电和电化学储能技术等方面的课程。",
		"为适应智能变电站技术的发展，本人自学了变电站通信网络和系统的相关标准，并在{p2}中加以应用。",
		"本人关注行业技术标准的更新，及时学习新版《电力系统安全稳定导则》和继电保护技术规程，并在设计中落实新的要求。",
		"本人参加了单位组织的电力系统仿真培训，掌握了电磁暂态仿真软件的使用方法，能够分析开关操作和雷电侵入等暂态过程。",
		"本人在{journal}发表了关于变电站继电保护配置优化的论文，并作为第二发明人获得实用新型专利一项。",
		"本人定期阅读电力系统领域的专业期刊，跟踪国内外最新研究成果，并在部门内做技术交流报告。",
		"为提高外语水平，本人坚持阅读英文技术文献，能够阅读国际电工委员会标准的英文原文。",
		"本人注意总结每个工程的经验教训，建立了个人技术档案，把典型问题及其处理方法整理成文，供后续工程参考。",
		"本人参加了注册电气工程师（发输变电）执业资格考试的系统复习，进一步夯实了专业基础。",
		"本人计划在今后几年深入学习新能源并网和电力电子技术，不断提升解决新型电力系统工程问题的能力。",
	),
	"leadership": (
		"在{p2}中，本人担任{r2}，负责编制专业工作计划，合理安排设计人员分工，确保各阶段设计文件按期交付。",
		"本人运用进度计划和关键路径分析方法管理设计进度，在设备到货延期的情况下调整工作顺序，保证了工程按期投运。",
		"本人组织编制了项目的质量控制计划，落实设计、校核、审核三级校审制度，施工图差错率明显下降。",
		"在工程现场，本人负责协调施工、调试和监理单位的工作，组织召开调试工作例会，协调解决了调试过程中出现的各类问题。",
		"本人注重项目成本控制，在满足技术要求的前提下优化设备配置和电缆路径，使工程投资比概算节约约百分之六。",
		"本人组织开展了项目风险识别和评估，针对停电过渡、交叉作业等风险点制定了专项预案，工程建设期间未发生安全事故。",
		"作为技术骨干，本人带领三名青年工程师承担了{p2}的主要技术工作，并对他们完成的设计文件进行指导和审核。",
		"本人建立了项目文档管理制度，设计变更、会议纪要和技术联络文件均按规定归档，方便了后续的运行维护和审计。",
		"在{year}年的抢修工作中，本人作为现场技术负责人，组织制定临时供电方案，十二小时内恢复了重要用户供电。",
		"项目结束后，本人组织开展后评价，总结管理中的经验和不足，为单位完善项目管理流程提出了建议。",
	),
}

# Apprentices do not lead projects yet: their leadership section says so.
APPRENTICE_LEADERSHIP = (
	"本人在{p1}中协助专业负责人编制工作计划，跟踪设计文件的完成进度，及时提醒相关人员按节点提交成果。",
	"本人负责整理项目会议纪要和设计变更记录，建立了资料台账，保证了项目文件的完整和可追溯。",
	"在现场调试期间，本人负责一个间隔的调试小组，安排试验顺序和人员分工，按计划完成了调试任务。",
	"本人学习了项目管理的基本方法，能够编制简单的进度计划，并根据现场情况进行调整。",
	"本人主动承担了青年员工技术交流活动的组织工作，安排每月一次的专题学习，锻炼了组织协调能力。",
	"在编制电缆清册时，本人注意成本控制，优化电缆路径，减少了电缆用量。",
	"今后本人将继续在项目实践中锻炼组织能力，争取早日独立承担专业负责人的工作。",
)

# The statement-english defect: what a foreign applicant might wrongly send.
ENGLISH_BANK = (
	"I was responsible for the primary electrical design of the {kv} kV substation, including the main connection scheme and the selection of circuit breakers.",
	"I carried out short-circuit calculations for the regional grid and verified the coordination of the backup protection relays at every voltage level.",
	"During commissioning I wrote the secondary circuit test procedures and led the point-to-point tests between the bay devices and the station control system.",
	"I analysed the reactive power regulation of photovoltaic plants and proposed the capacity and control settings of static var generators.",
	"I always put the safety of people and of the grid first, and I follow the work permit and switching order procedures without exception.",
	"I coordinated the interfaces between the civil, communication and automation teams, and chaired the weekly coordination meetings on site.",
	"I explained the technical options to the owner's representatives in plain language so that they could take informed decisions.",
	"Every year I attend continuing education courses on new power systems, flexible DC transmission and battery energy storage.",
	"I read international standards in their original language and share what I learn in technical seminars within my department.",
	"As the lead engineer of the electrical discipline I planned the design work, assigned tasks and checked the drawings of three junior engineers.",
	"I managed the schedule with critical path analysis and kept the commissioning date although several deliveries of equipment were late.",
	"After the project I organised a post-project review and proposed improvements to our quality control procedures.",
)

CPD_TRAINING = (
	"新型电力系统规划与运行专题培训", "智能变电站继电保护技术研修班", "电力安全生产法规与事故案例培训",
	"柔性直流输电技术高级研修班", "新能源并网技术培训", "电力系统电磁暂态仿真培训",
	"配电网自动化技术研讨班", "工程项目管理专题培训", "电化学储能电站设计与运维培训",
	"电力设备状态检修技术培训",
)
CPD_CREDITED = (
	("standard", "参与编制团体标准《变电站二次系统设计导则》"),
	("paper", "在核心期刊发表论文《配电网故障定位方法研究》"),
	("research", "参与省公司科技项目《新能源场站涉网性能评估》研究"),
)

SIZE_FACTORS = {"id-front": (0.8, 1.2), "id-back": (0.8, 1.2), "passport": (0.9, 1.3),
		"education": (1.0, 1.6), "work": (0.6, 1.6), "achievement": (0.5, 1.2),
		"title": (0.6, 1.0)}


# --- options and results ---------------------------------------------------

@dataclasses.dataclass
class Options:
	"""What to build; None means 'drawn from the seed'."""
	seed: int = 1
	id: str = None
	kind: str = "initial"
	level: str = "professional"
	field: str = "electrical"
	name: str = None
	romanized: str = None		# pinyin or romanized name, for file names and e-mail
	member: str = None
	society: str = "CSEE"
	id_type: str = "resident-id"
	id_number: str = None
	birth: str = None		# YYYY-MM-DD
	submitted: str = None		# ISO 8601 with offset
	employer: str = None
	degree: str = None
	years: int = None
	statement_chars: int = 2600
	evidence_kb: int = 8
	holding: str = None		# REG:LEVEL
	cpd: bool = False
	titles: list = dataclasses.field(default_factory=list)	# "scheme:number"
	defects: list = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class Package:
	id: str
	name: str
	romanized: str
	submitted: datetime.datetime
	application_xml: bytes
	files: list			# [(path, bytes)] in archive order
	member_line: str		# the roster line for this applicant, "" if none
	adjustments: list		# what the defects changed in the options
	expected_outcome: str
	expected_codes: list

	def file_name(self, archive_format):
		"""2026-11-02-zhang-wei.zip"""
		slug = re.sub(r"[^a-z0-9]+", "-", self.romanized.lower()).strip("-")
		return "%s-%s.%s" % (self.submitted.date().isoformat(), slug or "applicant",
				     archive_format)


# --- small helpers ---------------------------------------------------------

def gb11643_check(first17):
	"""The GB 11643 check character for the first 17 digits of a resident ID."""
	weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
	if len(first17) != 17 or not first17.isdigit():
		raise ValueError("need 17 digits: %r" % first17)
	total = sum(int(digit) * weight for digit, weight in zip(first17, weights))
	return "10X98765432"[total % 11]


def resident_id(area, birth, sequence):
	"""A valid 18-character resident ID; sequence 0..999 (odd: male)."""
	first17 = "%s%s%03d" % (area, birth.strftime("%Y%m%d"), sequence)
	return first17 + gb11643_check(first17)


def add_years(day, years):
	try:
		return day.replace(year=day.year + years)
	except ValueError:		# 29 February
		return day.replace(year=day.year + years, day=28)


def random_date(rng, first, last):
	return first + datetime.timedelta(days=rng.randint(0, max(0, (last - first).days)))


def non_space_length(text):
	return sum(1 for character in text if not character.isspace())


def sha256_hex(data):
	return hashlib.sha256(data).hexdigest()


def fake_jpeg(rng, size):
	head = (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x01\x00\x48\x00\x48\x00\x00"
		b"\xff\xdb\x00\x43\x00")
	body = rng.randbytes(max(0, size - len(head) - 2))
	return head + body + b"\xff\xd9"


def fake_pdf(rng, size):
	head = (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\n"
		b"endobj\n2 0 obj\n<< /Length " + str(size).encode() + b" /Filter /FlateDecode >>\n"
		b"stream\n")
	tail = b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
	return head + rng.randbytes(max(0, size - len(head) - len(tail))) + tail


def passport_number(rng, pattern):
	letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
	out = []
	for symbol in pattern:
		if symbol == "D":
			out.append(str(rng.randint(0, 9)))
		elif symbol == "L":
			out.append(rng.choice(letters))
		else:
			out.append(symbol)
	return "".join(out)


def member_element(number, name):
	return '  <member number=%s name=%s/>' % (quoteattr(number), quoteattr(name))


def members_document(lines):
	"""A complete member roster from member_element lines."""
	return ('<?xml version="1.0" encoding="UTF-8"?>\n<members xmlns="%s">\n%s\n</members>\n'
		% (NAMESPACE, "\n".join(line for line in lines if line)))


# --- the builder -----------------------------------------------------------

class Builder:
	"""Draws every missing value from the seed, then writes the form and files.

	The draws happen in a fixed order whatever the options say, so that
	giving one option does not change the values drawn for the others."""

	def __init__(self, options):
		self.options = dataclasses.replace(options, titles=list(options.titles),
						   defects=list(options.defects))
		self.rng = random.Random(options.seed)
		self.defects = set(self.options.defects)
		self.adjustments = []
		for defect in self.defects:
			if defect not in DEFECTS:
				raise ValueError("unknown defect '%s'" % defect)
		self.check_choices()

	def check_choices(self):
		options = self.options
		for value, allowed, what in ((options.kind, KINDS, "kind"),
					     (options.level, LEVELS, "level"),
					     (options.id_type, ("resident-id", "passport"), "id-type")):
			if value not in allowed:
				raise ValueError("unknown %s '%s'" % (what, value))
		if options.degree is not None and options.degree not in DEGREES:
			raise ValueError("unknown degree '%s'" % options.degree)

	def adjust(self, message):
		self.adjustments.append(message)

	# -- who the applicant is

	def draw_person(self):
		options, rng = self.options, self.rng
		if self.defects & {"passport-without-photo", "passport-bad"} \
		   and options.id_type != "passport":
			self.adjust("id-type set to passport for the passport defects")
			options.id_type = "passport"
		if self.defects & {"identity-check", "identity-birth", "missing-id-back"} \
		   and options.id_type != "resident-id":
			self.adjust("id-type set to resident-id for the resident ID defects")
			options.id_type = "resident-id"
		chinese = rng.choice(CHINESE_NAMES)
		foreign = rng.choice(FOREIGN_NAMES)
		if options.id_type == "passport":
			name, romanized, sex, self.nationality, self.passport_pattern = foreign
		else:
			name, romanized, sex = chinese
			self.nationality, self.passport_pattern = "CN", "EDDDDDDDD"
		if options.name is not None:
			known = [entry for entry in CHINESE_NAMES + FOREIGN_NAMES if entry[0] == options.name]
			if known:
				romanized, sex = known[0][1], known[0][2]
				if len(known[0]) > 3 and options.id_type == "passport":
					self.nationality, self.passport_pattern = known[0][3], known[0][4]
			else:
				romanized = "applicant %d" % options.seed
			name = options.name
		self.name = name
		self.romanized = options.romanized or romanized
		self.sex = sex
		self.area = rng.choice(AREA_CODES)
		self.id_sequence = rng.randrange(1, 999, 2) - (0 if sex == "m" else 1)

	def draw_submission(self):
		options, rng = self.options, self.rng
		day = datetime.date(2026, 11, 2) + datetime.timedelta(days=rng.randint(0, 18))
		drawn = datetime.datetime(day.year, day.month, day.day, rng.randint(8, 21),
					  rng.randint(0, 59), 0,
					  tzinfo=datetime.timezone(datetime.timedelta(hours=8)))
		self.submitted = (datetime.datetime.fromisoformat(options.submitted)
				  if options.submitted else drawn)
		if self.submitted.tzinfo is None:
			raise ValueError("--submitted needs an offset (+08:00)")
		self.submitted_date = self.submitted.date()
		drawn_id = "A%d-%06d" % (self.submitted_date.year, rng.randint(1, 999999))
		self.id = options.id or drawn_id

	def draw_level_and_degree(self):
		options, rng = self.options, self.rng
		if "projects-one" in self.defects and options.level == "apprentice":
			self.adjust("level set to professional for projects-one")
			options.level = "professional"
		by_level = {"apprentice": "bachelor", "professional": "master", "senior": "doctorate"}
		drawn_degree = rng.choice(("bachelor", "master", by_level[options.level]))
		degree = options.degree or drawn_degree
		if self.defects & {"experience-short", "experience-undergraduate"} \
		   and MINIMUM_YEARS[options.level][degree] == 0:
			self.adjust("degree set to associate: a %s with a %s degree needs no experience"
				    % (options.level, degree))
			degree = "associate"
		self.degree = degree
		self.minimum_years = MINIMUM_YEARS[options.level][degree]
		drawn_years = self.minimum_years + rng.randint(1, 3)
		self.years = options.years if options.years is not None else drawn_years

	# -- the timeline: work start, degrees, birth, membership

	def work_start(self):
		submitted = self.submitted_date
		if "experience-short" in self.defects:
			# about four months short of the minimum
			return add_years(submitted, -self.minimum_years) + datetime.timedelta(days=120)
		start = datetime.date(submitted.year - self.years, 7, 1)
		if start > add_years(submitted, -self.years):
			start = datetime.date(submitted.year - self.years - 1, 7, 1)
		return start

	def draw_timeline(self):
		options, rng = self.options, self.rng
		self.start = self.work_start()
		highest_year = self.start.year if self.start.month >= 7 else self.start.year - 1
		conferred = {}
		study_years = {"associate": 3, "bachelor": 4, "master": 3, "doctorate": 4}
		chain = {"associate": ("associate",), "bachelor": ("bachelor",),
			 "master": ("bachelor", "master"),
			 "doctorate": ("bachelor", "master", "doctorate")}[self.degree]
		year = highest_year
		for level in reversed(chain):
			conferred[level] = datetime.date(year, 6, rng.choice((28, 30)))
			year -= study_years[level]
		self.chain = chain
		self.conferred = conferred
		self.study_start = datetime.date(year, 9, 1)
		self.universities = {level: rng.choice(COLLEGES if level == "associate" else UNIVERSITIES)
				     for level in chain}
		self.majors = {level: rng.choice(MAJORS[level]) for level in chain}
		first_year = conferred[chain[0]].year
		drawn_birth = datetime.date(first_year - 22 - rng.choice((0, 0, 1)),
					    rng.randint(1, 12), rng.randint(1, 28))
		self.birth = (datetime.date.fromisoformat(options.birth) if options.birth
			      else drawn_birth)
		since_first = self.study_start + datetime.timedelta(days=400)
		since_last = self.submitted_date - datetime.timedelta(days=300)
		drawn_since = random_date(rng, since_first, max(since_first, since_last)).replace(day=1)
		drawn_member = "M-%d-%06d" % (drawn_since.year, rng.randint(1000, 89999))
		self.member = options.member or drawn_member
		match = re.match(r"M-(\d{4})-", self.member)
		self.since = drawn_since
		if options.member and match:
			self.since = datetime.date(int(match.group(1)), drawn_since.month, 1)
		if "not-member" in self.defects and not options.member:
			self.member = "M-%d-9%05d" % (drawn_since.year, rng.randint(0, 99999))

	def draw_employment(self):
		options, rng = self.options, self.rng
		employers = list(EMPLOYERS)
		rng.shuffle(employers)
		current, previous = employers[0], employers[1]
		if options.employer:
			known = [entry for entry in EMPLOYERS if entry[0] == options.employer]
			current = known[0] if known else (options.employer, current[1], current[2])
			if previous[0] == current[0]:
				previous = employers[2]
		self.employer, self.city, self.province = current
		self.previous_employer = previous[0]
		self.kv = rng.choice(("110", "220", "220", "500"))
		self.stations = rng.sample(STATIONS, 4)
		self.journal = rng.choice(JOURNALS)
		self.two_employers = self.years >= 5 and rng.random() < 0.5
		self.email = "%s@example.cn" % ".".join(self.romanized.lower().split())
		self.phone = "+86-1%d%d-5555-%04d" % (rng.choice((3, 5, 8)), rng.randint(0, 9),
						       rng.randint(100, 9999))

	# -- projects

	def draw_projects(self):
		rng, level = self.rng, self.options.level
		count = 1 if level == "apprentice" else rng.choice((2, 3))
		if "projects-one" in self.defects:
			count = 1
		kinds = rng.sample(PROJECTS, 3)
		last = self.submitted_date - datetime.timedelta(days=30)
		# a short career still gets projects of two months or more: they
		# then begin before the work did, during study
		first = min(self.start + datetime.timedelta(days=60),
			    last - datetime.timedelta(days=70 * count))
		slot_days = (last - first).days // count
		self.projects = []
		for index in range(3):
			slot_start = first + datetime.timedelta(days=slot_days * min(index, count - 1))
			begin = slot_start + datetime.timedelta(days=rng.randint(0, slot_days // 5))
			length = max(45, slot_days * rng.randint(60, 80) // 100)
			end = min(begin + datetime.timedelta(days=length), last)
			title, roles, contribution = kinds[index]
			fill = dict(city=self.city, province=self.province, kv=self.kv,
				    station=self.stations[index])
			senior_role = level != "apprentice" and (index > 0 or level == "senior")
			self.projects.append(dict(
				id="P%d" % (index + 1), start=begin.replace(day=1), end=end,
				title=title.format(**fill), role=roles[1 if senior_role else 0],
				contribution=contribution.format(**fill)))
		self.project_count = count

	# -- the self-statement

	def sentence_fill(self, sentence, round_number):
		projects = self.projects
		p2 = projects[1] if self.project_count > 1 else projects[0]
		return sentence.format(
			employer=self.employer, city=self.city, province=self.province,
			kv=self.kv, station=self.stations[round_number % len(self.stations)],
			p1=projects[0]["title"], p2=p2["title"], r2=p2["role"], journal=self.journal,
			start_year=self.start.year,
			year=max(self.start.year, self.submitted_date.year - 1 - round_number))

	def project_sentences(self):
		"""What the knowledge section says of each project, as the form does."""
		out = []
		for project in self.projects[:self.project_count]:
			out.append("在%s（%d年至%d年）中，本人担任%s。%s" % (
				project["title"], project["start"].year, project["end"].year,
				project["role"], project["contribution"]))
		return out

	def section_sentences(self, dimension, target, bank):
		rng = self.rng
		out, length, round_number = [], 0, 0
		while length < target:
			pool = list(bank)
			if round_number == 0 and dimension == "knowledge" and not self.english:
				first, pool = pool[0], pool[1:]
				rng.shuffle(pool)
				pool[0:0] = [first] + self.project_sentences()
			else:
				rng.shuffle(pool)
			for sentence in pool:
				if length >= target:
					break
				text = self.sentence_fill(sentence, round_number)
				out.append(text)
				length += non_space_length(text)
			round_number += 1
		return out

	def draw_statement(self):
		target = self.options.statement_chars
		if "statement-short" in self.defects:
			target = min(target, 1400 + self.rng.randint(0, 250))
		if "statement-long" in self.defects:
			target = max(target, 4400 + self.rng.randint(0, 400))
		self.english = "statement-english" in self.defects
		shares = {"knowledge": 0.35, "ethics": 0.15, "teamwork": 0.15, "learning": 0.15,
			  "leadership": 0.20}
		self.statement = []
		for dimension in DIMENSIONS:
			bank = STATEMENT_BANK[dimension]
			if dimension == "leadership" and self.options.level == "apprentice":
				bank = APPRENTICE_LEADERSHIP
			section_target = int(target * shares[dimension])
			if self.english:
				opening = self.sentence_fill(bank[0], 0)
				body = self.section_sentences(dimension, section_target - non_space_length(opening),
							      ENGLISH_BANK)
				self.statement.append((dimension, opening + " " + " ".join(body)))
			else:
				self.statement.append((dimension, "".join(
					self.section_sentences(dimension, section_target, bank))))

	# -- evidence files

	def draw_evidence(self):
		rng, options = self.rng, self.options
		entries = []
		if options.id_type == "passport":
			entries.append(("passport", "evidence/passport-photo-page.jpg"))
		else:
			entries.append(("id-front", "evidence/id-front.jpg"))
			entries.append(("id-back", "evidence/id-back.jpg"))
		entries.append(("education", "evidence/degree-%s.pdf" % self.degree))
		extra = rng.randint(1, 4)	# work and achievement files
		work_paths = ["evidence/employment-certificate.pdf"] + \
			     ["evidence/project-P%d-acceptance.pdf" % (index + 1)
			      for index in range(min(2, self.project_count))]
		achievement_paths = ("evidence/paper-1.pdf", "evidence/patent-1.pdf")
		candidates = [("work", path) for path in work_paths] + \
			     [("achievement", path) for path in achievement_paths]
		entries.append(candidates[0])
		entries.extend(rng.sample(candidates[1:], min(extra, len(candidates)) - 1))
		for scheme_number in options.titles:
			scheme = scheme_number.split(":", 1)[0]
			entries.append(("title", "evidence/title-%s.pdf" % scheme))
		classified_draw = rng.random()
		self.evidence = []
		for index, (kind, path) in enumerate(entries):
			low, high = SIZE_FACTORS[kind]
			size = int(options.evidence_kb * 1024 * rng.uniform(low, high))
			data = fake_jpeg(rng, size) if path.endswith(".jpg") else fake_pdf(rng, size)
			self.evidence.append(dict(id="ev-%d" % (index + 1), type=kind, path=path,
						  data=data, sha256=sha256_hex(data), attributes=""))
		work_files = [file for file in self.evidence if file["type"] == "work"]
		if classified_draw < 0.3 and len(work_files) > 1:
			work_files[-1]["attributes"] = ' classified="true" desensitized="true"'
		self.apply_evidence_defects()
		self.notes_text = ("本人补充说明：身份证复印件已加盖单位人事部门公章，"
				   "学位证书原件可在面试时提供核验。\n").encode("utf-8")

	def apply_evidence_defects(self):
		defects, evidence = self.defects, self.evidence
		if "missing-id-back" in defects:
			evidence[:] = [file for file in evidence if file["type"] != "id-back"]
		if "passport-without-photo" in defects:
			evidence[:] = [file for file in evidence if file["type"] != "passport"]
		if "missing-education" in defects:
			evidence[:] = [file for file in evidence if file["type"] != "education"]
		work = [file for file in evidence if file["type"] in ("work", "achievement")]
		if "evidence-missing" in defects:
			work[-1]["absent"] = True
		if "evidence-checksum" in defects:
			wrong = hashlib.sha256(work[0]["data"] + b"\n").hexdigest()
			work[0]["sha256"] = wrong
		if "classified" in defects:
			work[0]["attributes"] = ' classified="true"'

	# -- CPD and holding

	def draw_holding(self):
		options, rng = self.options, self.rng
		drawn = "%s-%06d" % (options.society, rng.randint(1, 999))
		self.holding = None
		if options.holding:
			registration, _, level = options.holding.partition(":")
			if level not in LEVELS:
				raise ValueError("--holding wants REG:LEVEL, level one of %s" % " ".join(LEVELS))
			self.holding = (registration, level)
		elif options.kind != "initial":
			index = LEVELS.index(options.level)
			level = LEVELS[index - 1] if options.kind == "upgrade" and index > 0 else options.level
			self.holding = (drawn, level)

	def draw_cpd(self):
		rng = self.rng
		self.cpd = []
		if not (self.options.cpd or self.options.kind == "reregistration"):
			return
		day = add_years(self.submitted_date, -5) + datetime.timedelta(days=rng.randint(10, 30))
		last = self.submitted_date - datetime.timedelta(days=10)
		trainings = list(CPD_TRAINING)
		rng.shuffle(trainings)
		credited = list(CPD_CREDITED)
		rng.shuffle(credited)
		index = 0
		while day <= last:
			if rng.random() < 0.12 and credited:
				category, title = credited.pop()
				self.cpd.append((day, None, category, title))
			else:
				minutes = rng.choice((540, 600, 720, 960))
				self.cpd.append((day, minutes, "training", trainings[index % len(trainings)]))
				index += 1
			day += datetime.timedelta(days=rng.randint(50, 62))

	# -- the form

	def xml_applicant(self):
		options = self.options
		if options.id_number:
			number = options.id_number
		elif options.id_type == "passport":
			number = passport_number(self.rng, self.passport_pattern)
		else:
			birth = self.birth
			if "identity-birth" in self.defects:
				birth = birth + datetime.timedelta(days=41)
			number = resident_id(self.area, birth, self.id_sequence)
		if "identity-check" in self.defects:
			right = number[-1]
			number = number[:-1] + "0123456789X"[("0123456789X".index(right) + 3) % 11]
		if "passport-bad" in self.defects:
			number = "%s-%s.%s" % (number[:2], number[2:6], number[6:])
		self.id_number = number
		lines = [
			"  <applicant>",
			"    <name>%s</name>" % escape(self.name),
			"    <nationality>%s</nationality>" % self.nationality,
			"    <idDocument type=%s>%s</idDocument>" % (quoteattr(options.id_type), escape(number)),
			"    <birthDate>%s</birthDate>" % self.birth.isoformat(),
			"    <email>%s</email>" % escape(self.email),
			"    <phone>%s</phone>" % self.phone,
			"    <employer>%s</employer>" % ("&employer;" if "doctype" in self.defects
						      else escape(self.employer)),
		]
		if "schema" in self.defects:
			lines.append("    <hobby>业余无线电</hobby>")
		lines.append("  </applicant>")
		return lines

	def xml_education(self):
		lines = ["  <education>"]
		for level in self.chain:
			lines.append('    <degree level="%s" engineering="true" conferred="%s" institution=%s major=%s/>'
				     % (level, self.conferred[level].isoformat(),
					quoteattr(self.universities[level]), quoteattr(self.majors[level])))
		lines.append("  </education>")
		return lines

	def xml_experience(self):
		lines = ["  <experience>"]
		if "experience-undergraduate" in self.defects:
			first = self.chain[0]
			begin = datetime.date(self.conferred[first].year - 1, 7, 1)
			lines.append('    <period from="%s" to="%s" during="undergraduate" engineering="true"'
				     ' employer=%s role="生产实习学生"/>'
				     % (begin.isoformat(), (begin + datetime.timedelta(days=58)).isoformat(),
					quoteattr(self.employer)))
			lines.append("  </experience>")
			return lines
		graduate = [level for level in self.chain if level in ("master", "doctorate")]
		if "experience-short" not in self.defects:
			for level in graduate:
				end = self.conferred[level]
				begin = datetime.date(end.year - (2 if level == "doctorate" else 1), 3, 1)
				lines.append('    <period from="%s" to="%s" during="%s" engineering="true"'
					     ' employer=%s role="研究生工程实践"/>'
					     % (begin.isoformat(), end.isoformat(), level,
						quoteattr(self.previous_employer)))
		roles = {"apprentice": ("助理工程师", "助理工程师"),
			 "professional": ("助理工程师", "工程师"),
			 "senior": ("工程师", "高级工程师")}[self.options.level]
		if self.two_employers:
			split = self.start + datetime.timedelta(days=(self.submitted_date - self.start).days // 3)
			lines.append('    <period from="%s" to="%s" during="work" engineering="true"'
				     ' employer=%s role="%s"/>'
				     % (self.start.isoformat(), split.isoformat(),
					quoteattr(self.previous_employer), roles[0]))
			lines.append('    <period from="%s" during="work" engineering="true"'
				     ' employer=%s role="%s"/>'
				     % ((split + datetime.timedelta(days=1)).isoformat(),
					quoteattr(self.employer), roles[1]))
		else:
			lines.append('    <period from="%s" during="work" engineering="true"'
				     ' employer=%s role="%s"/>'
				     % (self.start.isoformat(), quoteattr(self.employer), roles[1]))
		lines.append("  </experience>")
		return lines

	def xml_statement(self):
		lines = ["  <statement>"]
		for dimension, text in self.statement:
			lines.append('    <section dimension="%s">%s</section>' % (dimension, escape(text)))
		lines.append("  </statement>")
		return lines

	def xml_projects(self):
		lines = ["  <projects>"]
		for project in self.projects[:self.project_count]:
			lines += [
				'    <project id="%s" from="%s" to="%s">' % (project["id"], project["start"].isoformat(),
									   project["end"].isoformat()),
				"      <title>%s</title>" % escape(project["title"]),
				"      <role>%s</role>" % escape(project["role"]),
				"      <contribution>%s</contribution>" % escape(project["contribution"]),
				"    </project>",
			]
		lines.append("  </projects>")
		return lines

	def xml_titles(self):
		if not self.options.titles:
			return []
		lines = ["  <titles>"]
		for scheme_number in self.options.titles:
			scheme, _, number = scheme_number.partition(":")
			if not number:
				raise ValueError("--title wants SCHEME:NUMBER, e.g. apec:APEC-CN-2020-0012")
			year = re.search(r"(19|20)\d\d", number)
			issued = datetime.date(int(year.group(0)) if year else self.start.year + 3, 5, 1)
			evidence = [file for file in self.evidence if file["path"] == "evidence/title-%s.pdf" % scheme]
			lines.append('    <title scheme=%s number=%s issued="%s" evidence="%s"/>'
				     % (quoteattr(scheme), quoteattr(number), issued.isoformat(), evidence[0]["id"]))
		lines.append("  </titles>")
		return lines

	def xml_holding_and_cpd(self):
		lines = []
		if self.holding:
			lines.append('  <holding registration=%s level="%s"/>' % (quoteattr(self.holding[0]),
										    self.holding[1]))
		if self.cpd:
			lines.append("  <cpd>")
			for day, minutes, category, title in self.cpd:
				duration = ' minutes="%d"' % minutes if minutes else ""
				lines.append('    <activity date="%s"%s category="%s">%s</activity>'
					     % (day.isoformat(), duration, category, escape(title)))
			lines.append("  </cpd>")
		return lines

	def xml_evidence(self):
		lines = ["  <evidence>"]
		for file in self.evidence:
			lines.append('    <file id="%s" path=%s type="%s" sha256="%s"%s/>'
				     % (file["id"], quoteattr(file["path"]), file["type"], file["sha256"],
					file["attributes"]))
		lines.append("  </evidence>")
		return lines

	def xml_commitment(self):
		signed = "false" if "commitment-unsigned" in self.defects else "true"
		date = "" if "commitment-undated" in self.defects else \
			' date="%s"' % self.submitted_date.isoformat()
		return ['  <commitment signed="%s"%s>%s</commitment>' % (signed, date, escape(self.name))]

	def application_xml(self):
		options = self.options
		field = "civil" if "field" in self.defects else options.field
		lines = ['<?xml version="1.0" encoding="UTF-8"?>']
		if "doctype" in self.defects:
			lines.append('<!DOCTYPE application [\n'
				     '  <!ENTITY employer SYSTEM "file:///etc/passwd">\n]>')
		lines.append('<application xmlns="%s" id=%s kind="%s" submitted="%s" lang="zh">'
			     % (NAMESPACE, quoteattr(self.id), options.kind, self.submitted.isoformat()))
		lines += self.xml_applicant()
		lines.append('  <membership society=%s number=%s since="%s"/>'
			     % (quoteattr(options.society), quoteattr(self.member), self.since.isoformat()))
		lines.append('  <field code=%s/>' % quoteattr(field))
		lines.append("  <level>%s</level>" % options.level)
		lines += self.xml_education()
		lines += self.xml_experience()
		lines += self.xml_statement()
		lines += self.xml_projects()
		lines += self.xml_titles()
		lines += self.xml_holding_and_cpd()
		lines += self.xml_evidence()
		lines += self.xml_commitment()
		lines.append("</application>")
		text = "\n".join(lines) + "\n"
		if "malformed" in self.defects:
			text = text.replace("</commitment>", "</commitmnet>")
		return text.encode("utf-8")

	def member_line(self):
		if self.defects & {"not-member"}:
			return ""
		name = self.name
		if "member-name" in self.defects:
			others = [entry[0] for entry in CHINESE_NAMES if entry[0] != self.name]
			name = random.Random(self.options.seed + 7919).choice(others)
		return member_element(self.member, name)

	def expected(self):
		codes = sorted({DEFECTS[defect][0] for defect in self.defects})
		outcomes = {DEFECTS[defect][1] for defect in self.defects}
		for outcome in ("quarantined", "rejected", "returned", "accepted"):
			if outcome in outcomes:
				return outcome, codes
		return "accepted", codes

	def build(self):
		self.draw_person()
		self.draw_submission()
		self.draw_level_and_degree()
		self.draw_timeline()
		self.draw_employment()
		self.draw_projects()
		self.draw_statement()
		self.draw_evidence()
		self.draw_holding()
		self.draw_cpd()
		xml = self.application_xml()
		files = []
		if "no-application" not in self.defects:
			files.append(("application.xml", xml))
		for file in self.evidence:
			if not file.get("absent"):
				files.append((file["path"], file["data"]))
		if "extra-file" in self.defects:
			files.append(("notes.txt", self.notes_text))
		outcome, codes = self.expected()
		return Package(id=self.id, name=self.name, romanized=self.romanized,
			       submitted=self.submitted, application_xml=xml, files=files,
			       member_line=self.member_line(), adjustments=self.adjustments,
			       expected_outcome=outcome, expected_codes=codes)


def build(options):
	"""Builds the package that options describe (raises ValueError on bad options)."""
	return Builder(options).build()


# --- archives --------------------------------------------------------------

def directories_of(files):
	seen = []
	for path, _ in files:
		parts = path.split("/")[:-1]
		for depth in range(1, len(parts) + 1):
			directory = "/".join(parts[:depth]) + "/"
			if directory not in seen:
				seen.append(directory)
	return seen


def tar_bytes(files, mtime, dir_entries=False):
	buffer = io.BytesIO()
	with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as archive:
		if dir_entries:
			for directory in directories_of(files):
				info = tarfile.TarInfo(directory.rstrip("/"))
				info.type, info.mode, info.mtime = tarfile.DIRTYPE, 0o755, mtime
				archive.addfile(info)
		for path, data in files:
			info = tarfile.TarInfo(path)
			info.size, info.mode, info.mtime = len(data), 0o644, mtime
			archive.addfile(info, io.BytesIO(data))
	return buffer.getvalue()


def zip_bytes(files, when, dir_entries=False):
	buffer = io.BytesIO()
	stamp = when.timetuple()[:6]
	with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
		if dir_entries:
			for directory in directories_of(files):
				info = zipfile.ZipInfo(directory, date_time=stamp)
				info.external_attr = (0o40755 << 16) | 0x10
				archive.writestr(info, b"")
		for path, data in files:
			info = zipfile.ZipInfo(path, date_time=stamp)
			info.external_attr = 0o100644 << 16
			info.compress_type = zipfile.ZIP_DEFLATED
			archive.writestr(info, data)
	return buffer.getvalue()


def sevenzip_bytes(files, mtime, dir_entries=False):
	"""7z through bsdtar, fed a tar on stdin so that only the tar's metadata
	(no atime or ctime of temporary files) reaches the archive."""
	result = subprocess.run(["bsdtar", "--format", "7zip", "-cf", "-", "@-"],
				input=tar_bytes(files, mtime, dir_entries),
				stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
	if result.returncode != 0:
		raise RuntimeError("bsdtar failed: %s" % result.stderr.decode(errors="replace").strip())
	return result.stdout


def archive_bytes(package, archive_format, dir_entries=False):
	"""The package as an archive of the given format, reproducibly."""
	mtime = int(package.submitted.timestamp())
	if archive_format == "zip":
		return zip_bytes(package.files, package.submitted, dir_entries)
	if archive_format == "7z":
		return sevenzip_bytes(package.files, mtime, dir_entries)
	tar = tar_bytes(package.files, mtime, dir_entries)
	if archive_format == "tar":
		return tar
	if archive_format == "tar.gz":
		return gzip.compress(tar, compresslevel=9, mtime=mtime)
	if archive_format == "tar.bz2":
		return bz2.compress(tar, 9)
	if archive_format == "tar.xz":
		return lzma.compress(tar, format=lzma.FORMAT_XZ)
	raise ValueError("unknown format '%s' (one of %s)" % (archive_format, " ".join(FORMATS)))


def format_from_name(path):
	for archive_format in sorted(FORMATS, key=len, reverse=True):
		if path.endswith("." + archive_format):
			return archive_format
	if path.endswith(".tgz"):
		return "tar.gz"
	return None


def write_archive(package, path, archive_format, dir_entries=False):
	"""Writes the archive to path (through a temporary name, then a rename, so
	that a dropbox never sees half a package), dated when it was submitted so
	that a dropbox takes packages in submission order. Returns the path."""
	if os.path.isdir(path):
		path = os.path.join(path, package.file_name(archive_format))
	data = archive_bytes(package, archive_format, dir_entries)
	temporary = path + ".part"
	with open(temporary, "wb") as out:
		out.write(data)
	stamp = package.submitted.timestamp()
	os.utime(temporary, (stamp, stamp))
	os.replace(temporary, path)
	return path


# --- command line ----------------------------------------------------------

def parse_arguments(argv):
	parser = argparse.ArgumentParser(
		prog="mkpackage.py",
		description="Builds one realistic application package (formats.md §1).",
		epilog="defects: " + ", ".join(sorted(DEFECTS)))
	parser.add_argument("--out", help="archive to write (a directory: a name like "
			    "2026-11-02-zhang-wei.zip is chosen in it)")
	parser.add_argument("--format", choices=FORMATS,
			    help="archive format (default: from --out's extension, else zip)")
	parser.add_argument("--id", help="application id, e.g. A2026-000123")
	parser.add_argument("--kind", choices=KINDS, default="initial")
	parser.add_argument("--level", choices=LEVELS, default="professional")
	parser.add_argument("--field", default="electrical")
	parser.add_argument("--name", help="applicant's name, e.g. 张伟")
	parser.add_argument("--romanized", help="pinyin of the name for file names, e.g. 'zhang wei'")
	parser.add_argument("--member", help="membership number, e.g. M-2015-004471")
	parser.add_argument("--society", default="CSEE")
	parser.add_argument("--id-type", choices=("resident-id", "passport"), default="resident-id")
	parser.add_argument("--id-number", help="default: a valid one drawn from the seed")
	parser.add_argument("--birth", help="birth date YYYY-MM-DD")
	parser.add_argument("--submitted", help="e.g. 2026-11-02T09:30:00+08:00")
	parser.add_argument("--employer")
	parser.add_argument("--degree", choices=DEGREES, help="highest degree")
	parser.add_argument("--years", type=int, help="years of work experience before submission")
	parser.add_argument("--seed", type=int, default=1)
	parser.add_argument("--statement-chars", type=int, default=2600,
			    help="non-space characters of the self-statement (default 2600)")
	parser.add_argument("--evidence-kb", type=int, default=8,
			    help="typical size of an evidence file in KiB (default 8)")
	parser.add_argument("--holding", help="REG:LEVEL, e.g. CSEE-000123:professional")
	parser.add_argument("--cpd", action="store_true",
			    help="add a cpd section (always there for reregistration)")
	parser.add_argument("--title", action="append", default=[],
			    help="SCHEME:NUMBER, e.g. apec:APEC-CN-2020-0012 (repeatable)")
	parser.add_argument("--defect", action="append", default=[], choices=sorted(DEFECTS),
			    metavar="NAME", help="make this defect (repeatable)")
	parser.add_argument("--dir-entries", action="store_true",
			    help="store directory entries too, as desktop archivers do")
	parser.add_argument("--print-xml", action="store_true", help="write application.xml to stdout")
	parser.add_argument("--print-member", action="store_true",
			    help="write the applicant's member roster line to stdout")
	parser.add_argument("--print-expected", action="store_true",
			    help="write 'outcome codes...' the run should reach to stdout")
	return parser.parse_args(argv)


def options_from_arguments(arguments):
	return Options(seed=arguments.seed, id=arguments.id, kind=arguments.kind,
		       level=arguments.level, field=arguments.field, name=arguments.name,
		       romanized=arguments.romanized, member=arguments.member,
		       society=arguments.society, id_type=arguments.id_type,
		       id_number=arguments.id_number, birth=arguments.birth,
		       submitted=arguments.submitted, employer=arguments.employer,
		       degree=arguments.degree, years=arguments.years,
		       statement_chars=arguments.statement_chars,
		       evidence_kb=arguments.evidence_kb, holding=arguments.holding,
		       cpd=arguments.cpd, titles=arguments.title, defects=arguments.defect)


def main(argv=None):
	arguments = parse_arguments(sys.argv[1:] if argv is None else argv)
	try:
		package = build(options_from_arguments(arguments))
		for message in package.adjustments:
			print("mkpackage: note: %s" % message, file=sys.stderr)
		if arguments.print_xml:
			sys.stdout.buffer.write(package.application_xml)
		if arguments.print_member and package.member_line:
			print(package.member_line)
		if arguments.print_expected:
			print(" ".join([package.expected_outcome] + package.expected_codes))
		if arguments.out:
			archive_format = arguments.format or format_from_name(arguments.out) or "zip"
			write_archive(package, arguments.out, archive_format, arguments.dir_entries)
		elif not (arguments.print_xml or arguments.print_member or arguments.print_expected):
			print("mkpackage: nothing to do: give --out, --print-xml, --print-member "
			      "or --print-expected", file=sys.stderr)
			return 2
	except (ValueError, RuntimeError, OSError) as problem:
		print("mkpackage: %s" % problem, file=sys.stderr)
		return 1
	return 0


if __name__ == "__main__":
	sys.exit(main())
