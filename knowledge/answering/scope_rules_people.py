"""The rules of scope about people and the bot itself, checked before the topics: other
people's data, attacks on the bot, officials and government offices, what an organization's
people are paid or its accounts (and whether someone
took money, whoever is named). Naming one of our organizations lifts only the rule about an
address or an officer's phone.
"""

from __future__ import annotations

import re

from knowledge.answering.scope_kinds import Refusal, Rule, any_of

# An organization's officers: "智塔负责人的电话" asks for the organization's contact.
_ROLE = r"负责人|会长|理事长|秘书长|院长|主任"
# Private people: their phone or address is theirs, whichever organization is named.
_PERSON = (
    r"老师|社工|志愿者|咨询师|心理师|医生|阿姨|大爷|大妈|大叔|叔叔|邻居|同事|家长|孩子|学生|老人"
    r"|病人|患者|来访者|会员|家庭|住户|服务对象|受助者|贫困户|专家|顾问|评委|某某|某人|此人|这个人|那个人|那人"
    r"|捐款人|捐赠人|捐款的人|受助人|爱心人士|获奖者|学员|营员|家属|教练|教官|讲师|导师|工作人员|员工"
    r"|职工|师傅|护工|康复师|治疗师|小朋友|小孩"
    # one of its people called as one calls a young stranger: 那个社工小姐姐的微信
    r"|小姐姐|小哥哥|美女|帅哥|小姑娘|小伙子"
)
_PRIVATE = rf"{_PERSON}|他|她"
_SURNAMES = (
    "张王李赵刘陈杨黄周吴徐孙马胡朱郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏"
    "苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵"
)
_OWN_CONTACT = (
    # 家住 asks only with 哪 after it: "我家住渭滨区" tells the resident's own place (lists3)
    r"(电话|手机|手机号|号码|微信|联系方式|住址|地址|家在哪|住哪(?![个家种所])|住在哪|家住(在)?(哪|什么地方)"
    r"|住(在)?哪个(小区|村|楼|单元|院))"
)
# 叫他名字没反应 tells a child who does not answer, it asks for no one's name; 名字写张小宇
# gives the resident's own
_NAMES_OF = (
    r"哪几户|哪户|哪家人|名单|花名册|姓名"
    r"|(?<![叫喊他她])名字(?!就?(写|填))(?![^,.?!]{0,6}(反应|不应|不理|答应|回头))"
)
_KIND_OF_ORG = (
    r"机构|组织|协会|中心|联合会|服务站|工作站"  # after a group: an organization (lists3)
    # or an activity for it: 儿童保护活动叫啥名字 asks the activity's name, no child's
    r"|[\u4e00-\u9fff]{0,4}(活动|项目|计划|行动)"
)
_GROUPS = (
    r"贫困户|低保|残疾|孩子|儿童|老人|来访|上访|受助|病人|患者|会员|志愿者|学生|家庭|居民|社工|老师"
    r"|工作人员|咨询师|员工|专家|顾问|评委|认购|捐款|捐赠|报名|的人|服务对象|对象|学员|家属|参与者|客户|用户"
    r"|娃|小孩|营员|队员|参赛|获奖|企业|个人|爱心人士"
)

PEOPLE_RULES: tuple[Rule, ...] = (
    Rule(  # where a private person lives now: 我前女友住在未央区哪个小区 (a rule of its own: in
        # the long one below its alternatives slowed every question's search)
        Refusal.PERSONAL_DATA,
        any_of(
            r"(前女友|前男友|前妻|前夫|女朋友|男朋友|女友|男友|同学|朋友|亲戚|仇人|债主)[^,.?!]{0,10}"
            r"(住在|住|家在|搬到|搬去)[^,.?!]{0,8}(哪|什么地方|什么小区)"
        ),
        named_lifts=False,
    ),
    Rule(  # whether money was stolen, where a name comes from: no record says, whoever is named
        Refusal.OFF_TOPIC,
        any_of(
            r"被(人)?贪|贪了|私吞|侵吞|乱花|吃回扣|倒卖|被(人)?卖了|挪作他用|截留|收(了)?好处|拿好处|收红包"
            r"|受贿|行贿",
            r"典故|寓意|名字(的)?由来|名字(是)?怎么来的",
        ),
        named_lifts=False,
    ),
    Rule(  # something unlawful done for the resident, whoever is asked: 办个假证, 弄把真枪
        Refusal.ATTACK,
        any_of(
            # (请假证明, 暑假 are no forgery)
            r"假(?<![请放休病暑寒年产婚度]假)[\u4e00-\u9fff]{0,3}(证(?!明)|文凭|学历|发票|公章)"
            r"|刻(个|一个)?章|真枪|枪支|弄(把|支|杆)枪|买枪|炸药|毒品",
            r"收拾(个|一个)人|收拾(他|她|他们|她们|那人|那个人)|教训(他|她|那人|那个人)|揍(他|她)一顿"
            r"|打(他|她)一顿|找人(打|揍|收拾)|报复(他|她|他们|那人)",
        ),
        named_lifts=False,
    ),
    Rule(
        Refusal.ATTACK,
        any_of(
            r"\b(select|union|insert|update|delete|drop|alter|truncate|exec)\b.{0,60}"
            r"\b(from|table|into|set|database|where|select)\b",
            r"\b(or|and)\b\s*'?\d+'?\s*=\s*'?\d+",
            r"'\s*(or|and)\s",
            r";\s*--|--\s*$|/\*|\bsleep\s*\(|<script|javascript:|\.\./|/etc/passwd|\$\{|\{\{",
            r"ignore (all |the |your |any )?(previous|prior|above|earlier)|disregard (all|the|your)"
            r"|system prompt|you are now|pretend (to be|you)|jailbreak|developer mode",
            r"忽略.{0,10}(指令|指示|提示|规则|设定|要求|限制|设置)|无视.{0,8}(指令|规则|限制|设定)",
            r"(之前|以上|上面|前面)的(指令|提示|设定|规则)|系统提示|提示词|prompt|越狱|开发者模式",
            r"你现在是|假装你是|扮演|角色扮演|数据库|数据表|后台|管理员|密码|口令|源代码|源码",
            # harm or fraud done for the resident: 帮我去收拾个人, 办个假证
            r"(帮我|替我|给我|帮忙)(去)?(收拾|教训|揍|打|整)(一下|一顿)?(个人|那个人|那人|他|她|人)"
            r"|私刻|代考|替考|刷单",  # a forgery: the rule above (not 请假证明)
            r"服务器|api.?key|token|后门|黑进|入侵|破解|注入|漏洞|提权|root权限|shell",
            r"导出(所有|全部|整个)|(所有|全部)的?(用户|数据|记录|提问|聊天)|用户的?(数据|信息|名单|列表|记录|提问)"
            r"|聊天记录|别人问(了|过)什么|其他人问|谁问过|谁问了|问过的人|提问记录|导出|json|csv|rm -rf|os\.system|subprocess"
            r"|import os|eval\(|exec\(|调试模式|配置文件|环境变量|\.env|训练数据|什么模型|大模型|chatgpt"
            r"|openai",
        ),
        named_lifts=False,
    ),
    Rule(  # what an organization's people are paid, its budget or accounts: no record holds
        # them (not a person's private data, nor a vacancy unless one is sought)
        Refusal.FINANCES,
        any_of(
            # the pay asked about, not told in passing (社工们收入不高，压力大，有没有心理疏导)
            r"(工作人员|员工|职工|社工|老师|教练|咨询师|师傅|护工|会长|理事长|秘书长|负责人|主任)们?"
            r"[^,.?!，。？！]{0,10}(工资|薪水|薪资|月薪|年薪|收入|待遇)[^,.?!，。？！]{0,4}"
            r"(多少|几|怎么样|咋样|如何|高不高|高吗|低不低|多高|啥水平|什么水平|好不好|行不行)",
            r"(工作人员|员工|职工|社工|老师|教练|咨询师|师傅|护工)们?[^,.?!，。？！]{0,8}"
            r"(一个月|每个月|每月|一年|每年)(能|可以)?(拿|挣|赚|发|开)多少",
            r"(预算|收支|财务(报表|状况|情况)|年收入|营收)(是|有)?多少",
        ),
        # … nor the resident's own or their household's (我是老师收入一般, 我们公司员工收入低,
        # 家庭年收入多少能得到帮助), nor pay told beside a service asked (社工们收入不高压力大
        # 有没有心理疏导): review11
        unless=re.compile(
            r"招聘|应聘|求职|找工作|面试|招不招|招人|入职|想去(当|做|干)"
            r"|(我|俺|咱)(是|们|家|自己|的|在)[^,.?!，。？！]{0,6}"
            r"(工作人员|员工|职工|社工|老师|教练|咨询师|师傅|护工)"
            r"|(家庭|家里|我家|俺家|个人|人均)年收入"
            r"|(工资|薪水|薪资|月薪|年薪|收入|待遇)[^,.?!，。？！]{0,12}"
            r"(有没有|有啥|有什么|哪里|哪儿|去哪|培训|疏导|辅导|帮扶)"
        ),
        named_lifts=False,
    ),
    Rule(
        Refusal.PERSONAL_DATA,
        any_of(
            r"身份证|门牌|私人(电话|手机|号码|微信)|个人(信息|隐私|资料|电话|手机|微信)|隐私|银行卡|户口本",
            # a person's pay (an organization's people's is FINANCES; a vacancy's, JOB)
            # (a household's too: 家庭年收入多少能得到帮助, as before round 11; review11)
            r"病历|(他|她|别人|人家|家庭|家里|我家|俺家)[^,.?!，。？！]{0,6}(工资|收入)(多少|是多少)"
            r"|行踪|开房",
            # what staff are like or own: 老师会不会打孩子, 会长开的什么车
            r"(老师|教练|社工|咨询师|志愿者|员工|工作人员|会长|负责人)们?(会不会|有没有|是不是)(打|骂|体罚|虐待)"
            r"|(老师|教练|社工)们?(打不打|骂不骂|凶不凶|体罚)",
            rf"({_ROLE}|老板|老师|教练|社工)的?(开|坐)的?(什么|啥|哪种)车|车牌|存款|家产",
            # how rich someone is: 老板多有钱, 身家多少
            r"多有钱|有多少钱|有钱(吗|不|没|么)|身家|家底|资产多少",
            # how one of its people looks: 那个咨询师长得咋样
            r"(师|员|官|练|长)[^,.?!，。？！]{0,2}长得(怎么样|咋样|怎样|如何|好看|漂亮|帅|丑)",
            rf"({_ROLE}|老板|老师|教练|社工|他|她)[^,.?!]{{0,4}}(多有钱|有多少钱|身家|多富|资产多少)",
            # the records kept of the people served: 咨询记录能给我看看吗
            r"(咨询|来访|谈话|个案|心理|服务对象|就诊)的?(记录|档案)",
            # 谁家 is also "which one" (谁家能帮忙照看老人, 谁家给幸福院装空调 ask for a service):
            # only a household's own matters make it personal.
            r"谁家(的)?(孩子|娃|老人|人|男人|女人|媳妇|老婆|老汉)?.{0,4}(住|地址|电话|手机|门牌"
            r"|有.{0,4}(病|症|残疾)|是(贫困户|低保户|残疾)|没交|欠|离婚|吵架|出事)",
            rf"({_PRIVATE})(们)?的?(都|家|家里)?(私人|个人)?{_OWN_CONTACT}",
            # one person pointed at, their number asked in the next clause: 坐诊的那个咨询师，
            # 手机号给我一个
            rf"(那个|这个|那位|这位|那名|这名)[^,.?!]{{0,12}}({_PERSON})(叫什么名字|叫什么|名字)?[,，、]\s?"
            rf"(把|给我|告诉我|发我|他|她)?的?(私人|个人)?{_OWN_CONTACT}",
            # every one's phone: an organization has one, so these are its people's
            rf"的{_OWN_CONTACT}(都|全|全部)(发|给|告诉|列|导)",
            r"哪些(来访|上访|受助|患者|病人)|(捐款人|捐赠人|捐款的人|爱心人士|受助者|受助人|来访者)"
            r"都?(有谁|是谁|名单|叫什么)",
            rf"({_ROLE})的?(私人|个人|手机|手机号|微信|住址|家住|家在哪|住哪)",
            # asked after the officer's name: 会长叫什么，手机号多少
            rf"({_ROLE})[^。？?！!]{{0,10}}(手机号|手机号码|私人电话|私人号码|个人电话)",
            r"(哪些人|哪些|谁|哪家|哪几家|哪几户)(是|属于).{0,4}(贫困户|低保户|残疾|孤寡|五保)",
            # where someone's family studies or works: 会长叫啥，他儿子在哪上学 (我儿子在哪上学
            # is the resident's own)
            rf"(他|她|人家|{_ROLE})(的|家)?(儿子|女儿|孩子|娃|闺女|老婆|老公|媳妇|丈夫|妻子|家人|父母)"
            r"[^,.?!，。？！]{0,3}(在哪|哪个|哪所|什么)[^,.?!，。？！]{0,4}(上学|读书|念书|上班|工作|学校|单位)"
            # told unknown, the family's help then asked (她儿子在哪工作都不知道，老人没人管，谁能帮忙)
            r"(?![^,.?!，。？！]{0,3}不(知道|晓得|清楚))",
            # 社工机构的名单 lists organizations, not people (lists3)
            rf"({_NAMES_OF}).{{0,12}}({_GROUPS})(?!{_KIND_OF_ORG})"
            rf"|({_GROUPS})(?!{_KIND_OF_ORG}).{{0,12}}({_NAMES_OF})",
            r"(来访|上访|受助|患者|病人|孩子|儿童|老人|家庭)(人员|者|的人)?(都)?(是谁|有谁|是哪些人)",
            # the people it helped, by name: 帮过的单亲妈妈都有谁
            r"(帮过|帮助过|服务过|救助过|资助过|接待过)的[^,.?!，。？！]{0,8}(都)?(有谁|是谁|是哪些人|名单|叫什么)",
            r"(来访|上访|受助|患者|病人|孩子|儿童|小朋友|小孩|老人|家庭|会员|志愿者|社工|老师)们?(人员|者|的人)?都?"
            r"(叫什么|叫啥)|住着(哪些|谁)|哪些(老人|孩子|人|家庭|户)(是|家|住)"
            r"|某某(?!\s?[\u4e00-\u9fff]{0,2}(中心|协会|联合会|组织|机构|基金会))",  # 叫“某某中心”的组织
            # a named person's phone: 社工小王的电话, 陈老师手机号
            rf"(小|老|阿)[{_SURNAMES}](老师|姐|哥)?的?{_OWN_CONTACT}",
            rf"[{_SURNAMES}](老师|社工|医生|阿姨|大姐|大哥|师傅|主任|会长|书记|院长)的?{_OWN_CONTACT}",
            # who a member of staff is: the articles name none, and they are private people
            r"(教练|老师|社工|咨询师|心理师|志愿者|医生|员工|工作人员|老板|专家|顾问|评委)们?(都)?(是谁|有谁|叫什么|叫啥"
            r"|名字|姓什么|姓啥|是哪位)",
            r"(会员|成员|员工|社工|志愿者|老师|教练|教官|评委|评审|专家)们?都?(有哪些人|有谁|都是谁|是哪些人)",
            # one of its people asked after, then their name: 教官是哪个部队的，叫啥
            rf"({_PERSON})[^。?!]{{0,10}}[,，](他|她|那人)?(叫什么|叫啥|姓什么|姓啥)(名字)?[?？]?$",
            r"(社工|老师|教练|教官|咨询师|心理师|志愿者|员工|工作人员|会长|负责人)们?(都|以前|原来|之前|过去)?"
            r"(是不是|是)(退役|退伍"
            r"|转业|军人|当兵|军营|专业|运动员|科班|哪里人|本地人|党员|名人|冠军)",
            r"(社工|老师|教练|咨询师|心理师|志愿者|员工|工作人员|会长|负责人)们?都?是?(哪个大学|哪所大学"
            r"|哪个学校|什么学校|什么学历|学历|毕业)",
            r"(社工|老师|教练|咨询师|志愿者|员工|工作人员|会长|负责人)们?都?(多大|几岁|年纪|年龄|结婚|男的"
            r"女的|长什么样|是男|性别)",
            # whether someone is among the people served: 服务过的人里有没有我前妻
            r"(人|对象|家庭|会员|志愿者|学员|来访者|名单|户)(里|中|里面|当中)(有没有|有无|是不是有|有)",
            r"(帮我|替我|给我)(联系|找|问问|打听).{0,8}(贫困户|低保户|来访者)"
            r"(?!的?(组织|机构|项目|地方|服务|协会|中心))",
            r"\bwho won\b|\bwinners?\b",
            r"(第一名|冠军|亚军|季军|获奖者|获奖的人|得奖的人|一等奖)(是谁|有谁|叫什么|是哪些人|名单)"
            r"|获奖名单",
            rf"({_ROLE}|老板)的?(住在哪|住在什么地方|住哪儿|住哪里|家在哪)",
            r"\b(his|her)\s+(personal |private |mobile |cell )?(phone|number|address|wechat)",
            r"\b(personal|private|home|cell|mobile)\s+(phone|number|address|wechat|email)",
            r"\b(volunteer|worker|counsel+or|teacher|director|official|doctor)s?'?s?\s+"
            r"(personal |private |mobile |cell )?(phone|number|address|wechat)",
        ),
        named_lifts=False,
    ),
    Rule(  # an organization's address or phone is ours: naming one lifts this
        Refusal.PERSONAL_DATA,
        any_of(
            r"住址|家住(在)?(哪|什么地方)|家在哪|家在什么地方|住(在)?哪(里|儿)|住在什么地方"
            r"|住几(号|楼|单元)",
            rf"({_ROLE})的?{_OWN_CONTACT}",
            rf"(^|查|找|要|问|给我|告诉我|请问|知道|一下)[{_SURNAMES}][\u4e00-\u9fff]{{1,2}}的?{_OWN_CONTACT}",
        ),
    ),
    Rule(
        Refusal.OFFICIAL,
        any_of(
            r"(区长|市长|县长|省长|镇长|乡长|村长|书记|支书|局长|厅长|部长|处长|科长|所长|官员|干部|人大代表|政协委员|领导"
            r"|街道办主任|居委会主任|社区主任|村主任|管委会主任|一把手)"
            r".{0,6}(是谁|是哪位|叫什么|叫啥|名字|姓什么|姓啥|谁啊|谁呀|哪里人|多大|贪|腐败|落马|被查"
            r"|双规|怎么样|好不好|背景|老婆|家|电话|手机|简历|履历|是男|男的|女的|性别|年龄|岁数|学历)",
            r"(谁|哪位)是.{0,8}(区长|市长|县长|省长|镇长|书记|局长|领导)",
            r"(管委会|政府|街道办|居委会|村委会|民政局|信访局|教育局|派出所)的?(主任|领导|局长|处长|科长|书记|一把手|负责人)",
            # … and who heads a public body that is no social organization: 陕西省妇联主席现在是谁
            # (找妇联负责人帮忙 asks no one's name; an organization of ours asked is told its
            # records name none: named_asks.py)
            r"(妇联|团委|团市委|工会|残联|人社局|卫健委|(?<!青年)文联|作协|科协|政协|人大)的?(主任|领导|局长"
            r"|书记|一把手|负责人|主席|理事长|会长)[^,.?!，。？！]{0,4}(是谁|是哪位|叫什么|名字|姓什么|谁啊|哪里人)",
            r"某官员|某领导|贪官|腐败|落马|贪污|挪用|中饱私囊|送礼",
            # who signed or approved a document: 方案是哪个领导签发的
            r"(哪个|哪位|什么)(领导|官员|干部|科长|处长|局长|厅长|部长|书记)|(什么|哪个)级别|行政级别|处级|科级|厅级"
            r"|(签发|签署|签批)(人|的)|谁(签发|签署|签批|批准|拍板)",
            # … or drafted it: 意见是谁起草的 (the documents name no one who wrote them)
            r"(起草|执笔|拟稿)(人|者|的人)|谁(亲自)?(起草|执笔|拟稿|拟定)",
        ),
        named_lifts=False,
    ),
    Rule(
        Refusal.GOVERNMENT,
        any_of(
            r"(民政局|政府|街道办|办事处|管委会|居委会|村委会|派出所|信访局|教育局|人社局|医保局|卫健委|残联"
            # public institutions are not social organizations either: 妇联, 少年宫, 图书馆
            r"|妇联|团委|青少年宫|少年宫|福利院|图书馆|博物馆|文化馆|科技馆|体育馆)"
            r"的?(在哪|地址|电话|几点|上班|下班|办公时间|怎么走|位置|网站|窗口|报名|开门|开吗|开不开"
            r"|周末|几号)",
            # what an office wants brought: 信访大厅上访要带啥材料 (what joining one of ours
            # takes is its own: 申请入驻要带什么材料)
            r"(上访|信访|立案|起诉|打官司)[^,.?!，。？！]{0,6}(要|需要|得)?(带|准备|交|提交)(什么|哪些)"
            r"(材料|证件|东西|手续)",
            # adopting a child is the civil affairs bureau's business
            r"(领养|收养)[^,.?!，。？！]{0,4}(孩子|小孩|娃|儿童|孤儿)",
            r"(民政局|政府|街道办|办事处|管委会|居委会|村委会|派出所|信访局)[^,.?!]{0,14}(在几楼|几楼|哪个窗口"
            r"|几号楼|办公室在哪|窗口在哪|几点|上班|下班|办公时间|开门|关门)",
            # one of its departments: 民政局社会组织科电话多少
            r"(民政局|政府|街道办|办事处|管委会|信访局)[^,.?!]{0,8}(科|处|股|办公室)的?(电话|地址|在哪|联系方式)",
            r"\b(government|civil affairs|bureau|police station)\b.{0,30}\b(open|opens|close|closes"
            r"|hours|address|phone)\b|\b(open|close|opening hours)\b.{0,30}\b(government|bureau)\b",
        ),
        named_lifts=False,
    ),
)
