"""The rules of scope.py: what a question asks for that no organization here serves, each
pattern read on the question's own text (lower-cased, full-width folded)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class Refusal(StrEnum):
    """Why a question is not ours; each member equals its plain string."""

    SCHOOLING = "schooling"
    MARKET = "market"
    OFFICIAL = "official"
    POLICY = "policy"
    MEDICAL = "medical"
    LEGAL = "legal"
    ATTACK = "attack"
    PERSONAL_DATA = "personal_data"
    GOVERNMENT = "government"  # a government office's address, phone or hours: not ours to give
    OFF_TOPIC = "off_topic"  # weather, travel, food, chat: nothing an organization serves
    MEDIA = "media"  # a video, photo or news report: the bot holds the articles' text only
    PAYMENT = "payment"  # paying, transferring, donating through the bot: it handles no money
    JOB = "job"  # a job, a salary, recruitment: no organization's vacancies are known
    WRITING = "writing"  # writing an application or a letter for the resident


@dataclass(frozen=True)
class Rule:
    kind: Refusal
    asks: re.Pattern[str]  # what the question asks for
    unless: re.Pattern[str] | None = None  # a frame that makes it a request for a service
    named_lifts: bool = True  # naming one of our organizations or projects makes it ours


def _re(*parts: str) -> re.Pattern[str]:
    return re.compile("|".join(parts))


# Asking for a service from an organization: who or where, help, a kind of care.
_SERVICE_FRAME = (
    r"哪里|哪儿|哪有|去哪|到哪|哪个(组织|机构|地方|单位|协会|中心)|哪家(组织|机构)|谁能|谁可以|谁会"
    r"|有没有.{0,10}(组织|机构|地方|服务|人帮)|能帮|帮忙|帮帮|帮我找|求助|援助"
)
_CARE = (
    r"康复|训练|干预|特教|心理咨询|心理疏导|心理辅导|心理支持|疏导|倾诉|陪伴|照顾|照看|关爱|早期干预"
    r"|上门"
)
_EXERCISE = (
    r"(想|让|送|带)[\u4e00-\u9fff]{0,6}"
    r"(锻炼|练练|练身体|强身|健身|学(点|些|点儿|一点|一些|一下|学)?(武术|打拳)|练武)"
)
_LEGAL_SERVICE = r"法律援助|法律咨询|法律服务|免费.{0,4}(律师|法律|咨询)|调解|普法"
# An organization's officers: "智塔负责人的电话" asks for the organization's contact.
_ROLE = r"负责人|会长|理事长|秘书长|院长|主任"
# Private people: their phone or address is theirs, whichever organization is named.
_PRIVATE = (
    r"老师|社工|志愿者|咨询师|心理师|医生|阿姨|大爷|大妈|大叔|叔叔|邻居|同事|家长|孩子|学生|老人"
    r"|病人|患者|来访者|会员|某某|某人|此人|这个人|那个人|那人|他|她"
)
_SURNAMES = (
    "张王李赵刘陈杨黄周吴徐孙马胡朱郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏"
    "苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵"
)
_OWN_CONTACT = (
    # 家住 asks only with 哪 after it: "我家住渭滨区" tells the resident's own place (lists3)
    r"(电话|手机|手机号|号码|微信|联系方式|住址|地址|家在哪|住哪(?![个家种所])|住在哪|家住(在)?(哪|什么地方))"
)
# 叫他名字没反应 tells a child who does not answer, it asks for no one's name
_NAMES_OF = r"哪几户|哪户|哪家人|名单|花名册|姓名|(?<![叫喊他她])名字(?![^,.?!]{0,6}(反应|不应|不理|答应|回头))"
_KIND_OF_ORG = (
    r"机构|组织|协会|中心|联合会|服务站|工作站"  # after a group: an organization (lists3)
)
_GROUPS = (
    r"贫困户|低保|残疾|孩子|儿童|老人|来访|上访|受助|病人|患者|会员|志愿者|学生|家庭|居民|社工|老师"
    r"|工作人员|咨询师|员工|认购|捐款|捐赠|报名|的人|服务对象|对象|学员|家属|参与者|客户|用户"
)
_WHEN = r"(哪年|哪一年|什么时候|何时|几几年)"
_MEDIA = (
    r"视频|录像|直播|回放|照片|相片|图片|新闻报道|新闻稿|新闻|报道|宣传片|纪录片|报表|年报|审计报告"
    r"|账目|账本|报名表|登记表|申请表|表格|证书|资格证"
)
_AID = r"补贴|补助|津贴|救助金|抚恤金|慰问金|低保金|困难补助|高龄补贴|护理补贴"

RULES: tuple[Rule, ...] = (
    Rule(  # where a private person lives now: 我前女友住在未央区哪个小区 (a rule of its own: in
        # the long one below its alternatives slowed every question's search)
        Refusal.PERSONAL_DATA,
        _re(
            r"(前女友|前男友|前妻|前夫|女朋友|男朋友|女友|男友|同学|朋友|亲戚|仇人|债主)[^,.?!]{0,10}"
            r"(住在|住|家在|搬到|搬去)[^,.?!]{0,8}(哪|什么地方|什么小区)"
        ),
        named_lifts=False,
    ),
    Rule(  # whether money was stolen, where a name comes from: no record says, whoever is named
        Refusal.OFF_TOPIC,
        _re(
            r"被(人)?贪|贪了|私吞|侵吞|乱花|吃回扣",
            r"典故|寓意|名字(的)?由来|名字(是)?怎么来的",
        ),
        named_lifts=False,
    ),
    Rule(
        Refusal.ATTACK,
        _re(
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
            r"服务器|api.?key|token|后门|黑进|入侵|破解|注入|漏洞|提权|root权限|shell",
            r"导出(所有|全部|整个)|(所有|全部)的?(用户|数据|记录|提问|聊天)|用户的?(数据|信息|名单|列表|记录|提问)"
            r"|聊天记录|别人问(了|过)什么|其他人问|谁问过|谁问了|问过的人|提问记录|导出|json|csv|rm -rf|os\.system|subprocess"
            r"|import os|eval\(|exec\(|调试模式|配置文件|环境变量|\.env|训练数据|什么模型|大模型|chatgpt"
            r"|openai",
        ),
        named_lifts=False,
    ),
    Rule(
        Refusal.PERSONAL_DATA,
        _re(
            r"身份证|门牌|私人(电话|手机|号码|微信)|个人(信息|隐私|资料|电话|手机|微信)|隐私|银行卡|户口本",
            r"病历|(工资|收入)(多少|是多少)|行踪|开房",
            # what staff are like or own: 老师会不会打孩子, 会长开的什么车
            r"(老师|教练|社工|咨询师|志愿者|员工|工作人员|会长|负责人)们?(会不会|有没有|是不是)(打|骂|体罚|虐待)"
            r"|(老师|教练|社工)们?(打不打|骂不骂|凶不凶|体罚)",
            rf"({_ROLE}|老板|老师|教练|社工)的?(开|坐)的?(什么|啥|哪种)车|车牌|存款|家产",
            # the records kept of the people served: 咨询记录能给我看看吗
            r"(咨询|来访|谈话|个案|心理|服务对象|就诊)的?(记录|档案)",
            # 谁家 is also "which one" (谁家能帮忙照看老人, 谁家给幸福院装空调 ask for a service):
            # only a household's own matters make it personal.
            r"谁家(的)?(孩子|娃|老人|人|男人|女人|媳妇|老婆|老汉)?.{0,4}(住|地址|电话|手机|门牌"
            r"|有.{0,4}(病|症|残疾)|是(贫困户|低保户|残疾)|没交|欠|离婚|吵架|出事)",
            rf"({_PRIVATE})(们)?的?(都|家|家里)?(私人|个人)?{_OWN_CONTACT}",
            # every one's phone: an organization has one, so these are its people's
            rf"的{_OWN_CONTACT}(都|全|全部)(发|给|告诉|列|导)",
            r"哪些(来访|上访|受助|患者|病人)|(捐款人|捐赠人|捐款的人|爱心人士|受助者|受助人|来访者)"
            r"都?(有谁|是谁|名单|叫什么)",
            rf"({_ROLE})的?(私人|个人|手机|手机号|微信|住址|家住|家在哪|住哪)",
            r"(哪些人|谁|哪家|哪几家|哪几户)(是|属于).{0,4}(贫困户|低保户|残疾|孤寡|五保)",
            # 社工机构的名单 lists organizations, not people (lists3)
            rf"({_NAMES_OF}).{{0,12}}({_GROUPS})(?!{_KIND_OF_ORG})"
            rf"|({_GROUPS})(?!{_KIND_OF_ORG}).{{0,12}}({_NAMES_OF})",
            r"(来访|上访|受助|患者|病人|孩子|儿童|老人|家庭)(人员|者|的人)?(都)?(是谁|有谁|是哪些人)",
            r"(来访|上访|受助|患者|病人|孩子|儿童|老人|家庭|会员|志愿者|社工|老师)们?(人员|者|的人)?都?"
            r"(叫什么|叫啥)|住着(哪些|谁)|哪些(老人|孩子|人|家庭|户)(是|家|住)"
            r"|某某(?!\s?[\u4e00-\u9fff]{0,2}(中心|协会|联合会|组织|机构|基金会))",  # 叫“某某中心”的组织
            # a named person's phone: 社工小王的电话, 陈老师手机号
            rf"(小|老|阿)[{_SURNAMES}](老师|姐|哥)?的?{_OWN_CONTACT}",
            rf"[{_SURNAMES}](老师|社工|医生|阿姨|大姐|大哥|师傅|主任|会长|书记|院长)的?{_OWN_CONTACT}",
            # who a member of staff is: the articles name none, and they are private people
            r"(教练|老师|社工|咨询师|心理师|志愿者|医生|员工|工作人员|老板)们?(都)?(是谁|叫什么|叫啥"
            r"|名字|姓什么|姓啥|是哪位)",
            r"(会员|成员|员工|社工|志愿者|老师|教练)们?都?(有哪些人|有谁|都是谁|是哪些人)",
            r"(社工|老师|教练|咨询师|心理师|志愿者|员工|工作人员|会长|负责人)们?都?(是不是|是)(退役|专业|运动员"
            r"|科班|哪里人|本地人|党员|名人|冠军)",
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
        _re(
            r"住址|家住(在)?(哪|什么地方)|家在哪|家在什么地方|住(在)?哪(里|儿)|住在什么地方"
            r"|住几(号|楼|单元)",
            rf"({_ROLE})的?{_OWN_CONTACT}",
            rf"(^|查|找|要|问|给我|告诉我|请问|知道|一下)[{_SURNAMES}][\u4e00-\u9fff]{{1,2}}的?{_OWN_CONTACT}",
        ),
    ),
    Rule(
        Refusal.OFFICIAL,
        _re(
            r"(区长|市长|县长|省长|镇长|乡长|村长|书记|支书|局长|厅长|部长|官员|干部|人大代表|政协委员|领导"
            r"|街道办主任|居委会主任|社区主任|村主任|管委会主任|一把手)"
            r".{0,6}(是谁|是哪位|叫什么|叫啥|名字|姓什么|姓啥|谁啊|谁呀|哪里人|多大|贪|腐败|落马|被查"
            r"|双规|怎么样|好不好|背景|老婆|家|电话|手机|简历|履历)",
            r"(谁|哪位)是.{0,8}(区长|市长|县长|省长|镇长|书记|局长|领导)",
            r"(管委会|政府|街道办|居委会|村委会|民政局|信访局|教育局|派出所)的?(主任|领导|局长|书记|一把手)",
            r"某官员|某领导|贪官|腐败|落马|贪污|挪用|中饱私囊|送礼",
            # who signed or approved a document: 方案是哪个领导签发的
            r"(哪个|哪位|什么)(领导|官员|干部)|(签发|签署|签批)(人|的)|谁(签发|签署|签批|批准|拍板)",
        ),
        named_lifts=False,
    ),
    Rule(
        Refusal.GOVERNMENT,
        _re(
            r"(民政局|政府|街道办|办事处|管委会|居委会|村委会|派出所|信访局|教育局|人社局|医保局|卫健委|残联)"
            r"的?(在哪|地址|电话|几点|上班|下班|办公时间|怎么走|位置|网站|窗口)",
            r"(民政局|政府|街道办|办事处|管委会|居委会|村委会|派出所|信访局)[^,.?!]{0,8}(在几楼|几楼|哪个窗口"
            r"|几号楼|办公室在哪)",
            r"\b(government|civil affairs|bureau|police station)\b.{0,30}\b(open|opens|close|closes"
            r"|hours|address|phone)\b|\b(open|close|opening hours)\b.{0,30}\b(government|bureau)\b",
        ),
        named_lifts=False,
    ),
    Rule(  # medicine is never a service of ours, whatever care the question also names
        Refusal.MEDICAL,
        _re(
            r"(吃|用|开|服|喝)(什么|啥|哪种|哪个)药|什么药|药(怎么|咋)(吃|用)|开药|抗.{0,3}药|药物|药方",
            r"偏方|剂量|副作用|打疫苗|疫苗|输液|打针|手术|化疗|针灸|推拿|中药|西药|理疗|激素|保健品",
            r"医生.{0,4}(预约|挂号)|挂号|(预约|挂)(专家|医生|门诊)",
            # whether a care works: 康复训练有没有效果
            r"(康复|训练|治疗|干预|咨询|疏导)[^,.?!]{0,4}(有没有效果|有效果吗|有用吗|管用吗|管不管用|效果好吗)",
            # a medicine named by what it treats: 开抑郁症的药, 吃降压的药
            r"(开|吃|用|拿|配)[\u4e00-\u9fff]{0,8}的药(?![店房])",
            # whether a care cures: 心理咨询能治好失眠吗 (哪里能做康复 is ours)
            r"能(不能)?治好.{0,8}(吗|么)$|治得好(吗|么)|能根治(吗|么)",
            r"(要不要|用不用|需不需要|该不该|能不能|可不可以)(吃|用|停|换)药|吃药(吗|好不好|有没有用|管用)",
        ),
        named_lifts=False,
    ),
    Rule(
        Refusal.MEDICAL,
        _re(
            r"怎么治|咋治|如何治疗|怎么治疗|能治|治得好|治好|根治|能好吗|会好吗|能恢复吗",
            # what becomes of the child: 长大了能结婚吗, 以后能自理吗
            r"(以后|长大了?|将来|大了)(能|会|可以|能不能)(结婚|生育|生孩子|自理|正常|好|独立生活)",
            r"挂(什么|哪个)科|看(什么|哪个)科|哪(家|个)医院|医院(排名|哪家好)|症状|是什么病|得了什么病",
            # which doctor is good: 哪个心理医生看抑郁症看得好
            r"哪(个|位|家)[\u4e00-\u9fff]{0,2}(医生|大夫)|(看|治)[\u4e00-\u9fff]{0,6}(看|治)得(好|最好)",
            r"要不要去医院|发烧|感冒|咳嗽|拉肚子|中暑|头疼|头痛|肚子疼|过敏|骨折|生病了?怎么办|摔倒",
            r"高血压|血糖|糖尿病|癌症|肿瘤|体检|遗传|传染|病因|怎么得的|住院|诊断|确诊",
            r"近视|弱视|蛀牙|牙疼|牙痛|湿疹|便秘|贫血|缺钙",
        ),
        # care, or exercise asked for after an illness told (动不动就感冒，想让他练练身体)
        unless=re.compile(_CARE + "|" + _EXERCISE),
    ),
    Rule(
        Refusal.LEGAL,
        _re(
            r"(怎么|如何|咋|怎样)(起诉|告(?!诉)|打官司|立案|申请仲裁)|起诉.{0,6}(流程|要|需要|费用|材料)",
            r"(可以|能|能不能|可不可以)(起诉|告(?!诉))|起诉吗|告他",
            r"打官司.{0,6}(怎么|流程|费用|能赢|赢|多少钱|花)|判几年|判多久|判刑|坐牢|量刑|犯法|违法吗"
            r"|合法吗|算不算违法",
            r"离婚|财产(怎么)?分|分财产|抚养权|赡养费|遗产|遗嘱|继承|赔偿(多少|标准|怎么算)|赔多少",
            r"合同|法律条文|刑法|民法典.{0,4}(第|规定)|欠薪|讨薪|拖欠工资|逃税|偷税|工伤|交通事故|车祸",
            # what a law's article says: 慈善法第几条, 哪条法律规定
            r"法(第几条|哪一?条|第[0-9一二三四五六七八九十百]+条)|(哪条|哪一条)法|第几条.{0,4}规定",
        ),
        unless=re.compile(_LEGAL_SERVICE + "|" + _SERVICE_FRAME.replace("|能帮|帮忙|帮帮", "")),
    ),
    Rule(
        Refusal.SCHOOLING,
        _re(
            r"中考|高考|考研|考公|考编|分数线|录取|择校|学区|补课|补习|请家教|找家教|家教老师|升学|招生",
            r"保送|自主招生|提前批|特招",
            r"志愿填报|填报志愿|成绩|加分|重点(中学|高中|小学|大学)|上什么大学|留学|学费|转学|插班",
            r"考试(时间|安排|科目|报名)|什么时候考试|怎么考试|特长生|入学|学籍",
            r"(能|可以|能不能|可不可以)上(普通|正常|一般的?)?(学校|小学|幼儿园|初中|高中|大学|学)|随班就读",
            r"\b(good|best|better|top|recommend\w*)\b.{0,20}\b(schools?|kindergartens?|universit(y|ies)"
            r"|colleges?)\b|\b(gaokao|entrance exams?|admissions?|tuition)\b",
            # an examination's dates and sign-up: 段位考试什么时候报名, 考级在哪报名
            # what a certificate is worth: 段位证国家承认吗
            r"(证|证书|段位)[^,.?!，。？！]{0,4}(承认|认可|含金量|有用吗|有没有用)",
            r"(考试|考级|考段|段位考)[^,.?!，。？！]{0,6}(时间|什么时候|哪天|几号|几月|在哪|去哪|报名"
            r"|交.{0,2}钱|多少钱|费用)"
            r"|报名[^,.?!，。？！]{0,4}(考试|考级)",
            r"(哪个|哪所|哪家)(学校|中学|小学|高中|大学|幼儿园)(好|最好|比较好|靠谱|强)",
        ),
        named_lifts=False,
    ),
    Rule(
        Refusal.SCHOOLING,
        _re(
            r"哪(个|所)(学校|中学|小学|高中|大学|幼儿园)|怎么考|考证|资格证|证书怎么|学分",
            r"(如何|怎样|怎么样)考|证(好考|难考|好不好考|难不难考)|考.{0,4}证(书)?(要|需要|难|容易)",
        ),
    ),
    Rule(  # after school is also where children's services begin (放学没人管，有没有社工)
        Refusal.SCHOOLING,
        _re(r"放学|开学|作业"),
        # no one to mind the child after school is a care need, as is a sport to learn then
        unless=re.compile(
            _SERVICE_FRAME
            + "|"
            + _CARE
            + "|"
            + _EXERCISE
            + r"|没人(管|接|带|看)|托管|课后服务|(武术|打拳|兴趣|延时|课后的?)班"
        ),
    ),
    Rule(
        Refusal.MARKET,
        _re(
            r"房价|菜价|肉价|猪肉|油价|金价|股票|股市|炒股|(买|卖|炒)基金|基金(净值|收益|定投|涨|跌)|理财",
            r"汇率|行情|彩票|比特币|物价|(市场|农产品|商品|东西)的?价格|价格(怎么样|贵不贵|高不高|涨|跌)",
            r"流转价格|土地价格|地价|多少钱一|多少一(亩|斤|公斤|平)|一斤|一公斤|哪个牌子|什么牌子|品牌",
            # a price by the unit: 土地流转一亩多少钱 (认购一块地多少钱 is the project's own figure)
            r"(一|每)(亩|斤|公斤|平|平米|平方|平方米)(地)?(要|得|大概|大约)?(多少钱|多少|几块|几百|几千|什么价|啥价)",
            r"批发市场|菜市场|农贸市场|二手市场|人才市场|超市|商场|打折|优惠券|团购|外卖",
            r"一个月多少钱|多少钱一个月|一小时|一次多少钱|哪(个|家)(养老院|敬老院|医院)(好|靠谱|最好|便宜)|(养老院|敬老院|医院)哪家(好|便宜)"
            r"|租.{0,6}房|注册公司|营业执照|工商注册|赚钱|挣钱|开网店|网店|贷款|借钱|借款|融资|投资|门票|票价|(在哪|哪里|哪儿|去哪)(能|可以)?买"
            r"|哪里有卖|网上买|下单",
            # where it sells cheapest: 空调哪家卖的便宜
            r"(卖|买)(的|得)?(便宜|贵|划算|实惠)|哪(家|里|儿)(卖|买)(的|得)(好|便宜)"
            r"|(便宜|实惠)(的|点)?(在哪|哪家|哪里)",
            r"买房|卖房|租房|二手房|楼盘|开盘|房子.{0,4}(买|卖|租)|(菜|肉|米|面|油|鸡蛋|水果)(多少钱|价格|贵不贵)",
        ),
    ),
    Rule(
        Refusal.POLICY,
        _re(
            r"(国家|中央|国务院|党中央|全国|中国|新中国|建国|改革开放|计划生育|独生子女|二胎|三胎|户籍制度"
            r"|土地改革|人民公社|文革|文化大革命|条例|法规|宪法|民法典|民政部|双减|双拥|精准扶贫|脱贫攻坚"
            r"|战略)"
            r".{0,16}(哪年|哪一年|什么时候|何时|几几年|历史|由来|沿革|演变|怎么来的|出台|颁布|开始|取消|提出"
            r"|变化|怎么变|变迁|发展历程)",
            r"社保|医保|养老金|退休金|公积金|个税|个人所得税|低保|退休年龄|延迟退休|户口迁|抵税|免税|退税",
            r"(补贴|残疾证|救助金|抚恤|津贴|老年证|优待证)(怎么|如何|去哪|在哪)?(办|领|申请|发)",
            r"(办|领|申请|评)(个|张|到)?(残疾证|老年证|优待证|低保)",
        ),
        named_lifts=False,
    ),
    Rule(
        Refusal.POLICY,
        _re(
            rf"(政策|制度|法律|法|条例|规定|意见)(是)?{_WHEN}(提出|出台|颁布|开始|实施|发布|出的|定的|通过|修订|修改)"
        ),
        unless=re.compile(r"未央|宝鸡|渭滨|金台|陈仓|高新"),
    ),
    Rule(
        Refusal.MEDIA,
        _re(
            # The head of the request, not a modifier: 学拍视频, 视频剪辑培训 ask for a course.
            rf"(?<![拍剪录摄制做])({_MEDIA})(?!剪辑|制作|拍摄|培训|课|班|教程|技术)",
            r"\b(videos?|photos?|pictures?|pics|footage|news (reports?|articles?|stor(y|ies))"
            r"|newspapers?|livestream)\b",
        ),
        unless=re.compile(r"(学|教|培训|课程).{0,4}(拍|剪辑|剪|制作|做)"),
        named_lifts=False,
    ),
    Rule(
        Refusal.PAYMENT,
        _re(
            r"转账|转给你|转给您|转你|付款|支付|扫码|收款|二维码|付钱|打钱|扣钱|扣我|充值|提现|退款"
            r"|发票|收据|红包|银行账号|账户"
            # the bot asked to give for the resident, not to find where (帮我找个能捐款的地方)
            r"|(帮我|替我|代我)(?!找|推荐|查|搜|看|问)[^,.?!]{0,10}(捐|付钱|付款|交钱|缴)",
            r"(帮我|替我|代我|给)[^,.?!]{0,12}转[0-9一二三四五六七八九十百千万]+(块|元)",
            r"\b(pay (you|via|by|with|online|through)|payment (link|code|method)s?|paypal|alipay"
            r"|wechat pay|transfer (the )?money|credit card"
            r"|bank (account|transfer)|refund|invoice|receipt)\b|donate (for|on behalf of) me"
            r"|\b(can|could|would|will) you (please )?(donate|pay|transfer|send)\b"
            r"|\bdonat\w*\b.{0,30}\bfor me\b",
            # giving here, through the bot
            r"(在这|这里|这儿|直接在这|直接给你)(能|可以|就)?(捐|付)|\b(donat\w*|pay) (here|now|right now)\b",
        ),
        named_lifts=False,
    ),
    Rule(  # giving online, to no one named: how a named organization raises money is ours
        Refusal.PAYMENT,
        _re(r"(网上|在线|线上|手机上)(怎么|能|可以|直接)?(捐|付)", r"\bdonat\w* online\b"),
    ),
    Rule(
        Refusal.JOB,
        _re(
            r"招聘|应聘|求职|找工作|找份工作|找个工作|招人|招工|招不招|招员工|面试|简历|入职|岗位"
            r"|工作机会|兼职|工资(多少|多高|高不高|怎么样|待遇|几千)|待遇(怎么样|好不好|如何)"
            r"|五险一金|编制|宿舍|包吃包住|包吃住|员工福利|年终奖|招(不招)?(教练|老师|社工|员工|工作人员|会计|保安|司机|人)|(一个月|每月|每个月|一年|月|年)?(能)?(挣|赚)多少|收入(多少|高不高|怎么样)"
            r"|(?<!欠)(工资|薪水|薪资|月薪|年薪)(?!要不回|没发|不给)"
            r"|(当|做|干)(会计|出纳|保安|司机|厨师|保姆|文员|前台|保洁员)",
            r"\b(jobs?|hiring|recruit\w*|vacanc\w+|salary|salaries|wages?|resume|cv"
            r"|internships?|employment|earns?)\b|apply for (a |the )?(job|position)",
        ),
        unless=re.compile(r"志愿|义工|volunteer"),
        named_lifts=False,
    ),
    Rule(
        Refusal.WRITING,
        _re(
            r"(?<![填描书抄听默编改])(写|起草|拟|撰写|代写)(一|个|份|篇|封|段|下|一下)*"
            r"[\u4e00-\u9fff]{0,8}?(申请|报告|材料|总结|计划书|方案|倡议书|感谢信|信|简历|发言稿|稿子"
            r"|通知|证明|文案|教程|攻略|教案)",
            r"开(具|个|一个|张|一张|份)?.{0,6}证明",
            r"\b(write|draft)\s+(me\s+)?(an?\s+|the\s+|my\s+)?(application|letter|report|essay"
            r"|speech|poem|resume|proposal)",
        ),
        named_lifts=False,
    ),
    Rule(  # a loan, or a monthly fee, is no service named in the articles, whoever is named
        Refusal.MARKET,
        _re(
            # bargaining (能便宜点吗), not a cheap service asked for (有没有便宜点能上门修的)
            r"贷款|借钱|借款|门票|票价|讲价|砍价|(?<=[能再])便宜(点|一点|些)"
            r"|(?<=可以|给我)便宜(点|一点|些)|便宜(点|一点|些)(吗|呗|行不|好不好|不)|(一个月|每月|每个月)(要|得)?(交|收|花|付|缴)多少"
            # a thing's brand: 幸福院的空调是什么牌子 asks the market, not the project
            r"|(什么|哪个|哪家|哪种)牌子|(什么|哪个)品牌(的)?$",
            # what a service costs: no fee is given in the articles (认购一块地 is a figure)
            r"报名费|学费|课时费|培训费|服务费|入会费|会费(是)?多少|怎么收费|收费(标准|多少|贵不贵)"
            r"|(一节课|一堂课|一节|一次课|一课时|一个疗程|一个小时|一小时|每小时|每次)(收|要|得|大概)?"
            r"(多少钱|多少|几百|几十)",
            r"按(小时|次|天|月)(收费|算钱|付钱|计费)",
            # bills and prizes: 空调电费谁出, 大赛奖金多少
            r"(电费|水费|燃气费|暖气费|物业费)(多少|谁出|谁交|谁付|怎么交|贵不贵)|奖金|奖品",
            r"\b(lend|loan|loans|borrow)\b|\bregister (a |my |the )?(company|business)"
            r"|business licen[cs]e",
            r"\bhow much (does|do|will|would|is|are)\b.{0,30}\bcost\b|\b(fees?|tuition)\b",
            # registering a company is the market regulator's, whoever is named
            r"注册公司|营业执照|工商注册",
        ),
        named_lifts=False,
    ),
    Rule(  # buying what a project grows or makes is a market, whoever is named
        Refusal.MARKET,
        _re(
            r"(买|购买|买到|订购|网购)(到)?.{0,6}(蔬菜|菜|农产品|土特产|特产|产品|商品)",
            # where a thing is bought: 少年军校的军装在哪能买到 (认购 a plot is the project's)
            r"(在哪|哪里|哪儿|去哪)(里|儿)?(能|可以)?(买|购买)(?!卖)",
            r"(蔬菜|菜|农产品|土特产|特产|产品|商品)(在哪|哪里|哪儿|去哪|怎么|能|可以|能不能)*.{0,4}"
            r"(买|购买|订购|买到)",
        ),
        named_lifts=False,
    ),
    Rule(  # a subsidy or allowance is the government's, never an organization's to grant
        Refusal.POLICY,
        _re(
            rf"{_AID}",
            r"\b(subsid(y|ies|ize)|allowances?|pensions?|welfare benefits?)\b",
        ),
        named_lifts=False,
    ),
    Rule(
        Refusal.OFF_TOPIC,
        _re(
            r"天气|下雨|下雪|气温|景点|旅游|美食|小吃|特产|火车|高铁|动车|飞机|机票|车票|公交|地铁|几路车",
            r"限行|堵车|停车(场|费|位|收费|在哪|哪里|方便)|酒店|宾馆|饭店|餐馆|电影|笑话",
            # asked to write one, not a hobby told (我喜欢写诗画画)
            r"(^|帮我|给我|替我|帮忙|你|能不能|可以|请)(写|作)(一|个|首|篇|段|份)*.{0,10}"
            r"(代码|程序|作文|诗|文章|小说)",
            r"翻译|星座|运势|算命",
            # how to sing or paint well is a lesson, not a service found (哪里能学秦腔 is ours)
            r"怎么(唱|跳|画|写|练|打)才(能)?(好听|好看|标准|好)",
            r"\btell me (a |an |some )?(story|stories|joke)",
            # a disaster's toll is news, not a service (支援受灾地区 is ours)
            r"死了多少|死了几|死亡|遇难|伤亡|失踪|去世了?(多少|几)",
            # when a disaster came is news too (what was done for it is ours: 抗洪救灾)
            r"(暴雨|大雨|洪水|地震|水灾|发大水|台风)[^,.?!，。？！]{0,6}(哪天|什么时候|几号|几月|哪年)"
            r"(开始|下|发生|来|停|结束)?的?",
            r"\b(weather|rain|snow|temperature|forecast|trains?|flights?|hotels?|restaurants?|jokes?"
            r"|tourist|sightseeing)\b",
        ),
    ),
)
