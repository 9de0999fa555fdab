"""The rules of scope about the market and daily life, which no organization here serves:
loans and fees, prices and buying, subsidies, lodging and food near one of ours, what is
foretold, the weather, travel and texts put in another language. Tried after
scope_rules_topics.py's (see scope_rules.py)."""

from __future__ import annotations

import re

from knowledge.answering.scope_kinds import Refusal, Rule, Scene, any_of

_AID = r"补贴|补助|津贴|救助金|抚恤金|慰问金|低保金|困难补助|高龄补贴|护理补贴"

MARKET_RULES: tuple[Rule, ...] = (
    Rule(  # a loan, or a monthly fee, is no service named in the articles, whoever is named
        Refusal.MARKET,
        any_of(
            # bargaining (能便宜点吗), not a cheap service asked for (有没有便宜点能上门修的)
            r"贷款|借钱|借款|门票|票价|讲价|砍价|(?<=[能再])便宜(点|一点|些)"
            r"|(?<=可以|给我)便宜(点|一点|些)|便宜(点|一点|些)(吗|呗|行不|好不好|不)|(一个月|每月|每个月)(要|得)?(交|收|花|付|缴)多少"
            # a thing's brand: 幸福院的空调是什么牌子 asks the market, not the project
            r"|(什么|啥|哪个|哪家|哪种)牌子|(什么|啥|哪个)品牌(的)?$",
            # what a service costs: no fee is given in the articles (认购一块地 is a figure)
            r"报名费|学费|课时费|培训费|服务费|入会费|会费(是)?多少|怎么收费|收费(标准|多少|贵不贵)"
            r"|(一节课|一堂课|一节|一次课|一课时|一个疗程|一个小时|一小时|每小时|每次)(收|要|得|大概)?"
            r"(多少钱|多少|几百|几十)",
            r"按(小时|次|天|月)(收费|算钱|付钱|计费)|收(多少|几)(块)?钱|收多少",
            # a session's or a class's fee: 做一次心理咨询多少钱, 上课外班要交多少钱
            r"(一次|每次|一节|每节|一堂|一个疗程)[^,.?!，。？！]{1,8}(多少钱|多钱|几百块|几十块)"
            r"|(上|报|学)[^,.?!，。？！]{0,8}(班|课)[^,.?!，。？！]{0,4}(要|得)?(交|花|掏)多少钱",
            # a price by the unit, or a thing sold or let to a project: 地租给陈仓有块田，一亩多少钱
            r"(一|每)(亩|斤|公斤|吨|平米|平方米?|箱|袋)(地)?(要|得|大概|大约)?(多少钱|几块|几百|几千|什么价|啥价)"
            r"|(多少钱|几块钱?)(一|每)(平|亩|斤|公斤|吨|杯|箱|袋|瓶|份)"
            # a session's price: 做一次心理咨询多少钱
            r"|(一次|一回|一个疗程)[\u4e00-\u9fff]{0,6}(多少钱|几百|几十|啥价|什么价)"
            r"|(租|卖|转让|出租|承包|包)给[^.?!]{0,16}(多少钱|价钱|价格|什么价|啥价|行不|能不能|可以吗|收不收)",
            # bills and prizes: 空调电费谁出, 大赛奖金多少
            r"(电费|水费|燃气费|暖气费|物业费)[^,.?!，。？！]{0,4}(多少|谁出|谁交|谁付|怎么交|贵不贵)|奖金|奖品",
            r"多少(钱的?)?(电费|水费|燃气费|暖气费|物业费)",
            r"[^用]费(谁出|谁交|谁付|谁掏|谁承担)",
            # a refund or a ticket bought: 能退钱吗, 演出票怎么买
            r"退钱|退费|(买|购|订|抢)票|票(怎么|咋|在哪|去哪|哪里|哪儿)(买|订|购)",
            # money made: 会员企业股票能买吗, 投资收益多少
            r"股票|股市|炒股|理财|收益(多少|率|高)|回报率|利息|利率|分红|比特币|彩票",
            # a price foretold: 明年会不会涨价
            r"涨价|降价|涨不涨|降不降|会不会(涨|降|贵)",
            r"\b(lend|loan|loans|borrow)\b|\bregister (a |my |the )?(company|business)"
            r"|business licen[cs]e",
            # (a plot of the farmland project has its price among the figures, as 认购一块地)
            # (…before or after the cost: how much does it cost to rent a farm plot)
            r"\bhow much (does|do|will|would|is|are)\b(?:(?!\b(plots?|fields?|land)\b).){0,30}"
            r"\bcost\b(?![^.?!]{0,30}\b(plots?|fields?|land)\b)|\b(fees?|tuition)\b",
            # registering a company is the market regulator's, whoever is named
            r"注册(个|一个|家|一家)?(公司|企业|个体户)|营业执照|工商注册|(办|申请|领|注册)(个|张|一个|一张)?执照",
            # a thing's price by the unit it is sold in, whoever sells it: 咖啡一杯多钱, 菜一斤
            # 卖多少钱 (认购一块地 a year is the project's own figure: no 块 or 年 here)
            r"(一|每)(斤|两|公斤|杯|碗|份|盒|箱|袋|瓶|串|盘)[^,.?!，。？！]{0,3}"
            r"(多少钱|多钱|几块|几毛|啥价|什么价|多少)"
            r"|多少?钱一(斤|两|公斤|杯|碗|份|盒|箱|袋|瓶|串|盘)|卖(多少钱|多钱|几块|啥价|什么价)"
            r"|怎么卖(?<![地田]怎么卖)|咋卖(?<![地田]咋卖)",
            # a listed company, a rent's amount: 会员企业有哪些上市公司, 租金一年多少
            r"上市公司|股价|市值|租金[^,.?!，。？！]{0,4}(多少|几万|几千|贵不贵)|房租[^,.?!，。？！]{0,4}多少",
            # how much to borrow, and from whom: 该去银行贷多少款合适
            r"贷(多少|几|个|点|些)?[^,.?!，。？！]{0,3}款|(银行|网贷|信用社)[^,.?!，。？！]{0,4}(贷|借)",
            # goods bought in bulk: 地里的菜想批发，多少钱
            r"批发|进货",
            # a thing got from a project sold on for a profit: 认购的地能不能转手卖给别人赚差价
            r"转手(?!机|续|术)|倒手|转卖|转租|差价|(卖|租|过户)给别人"
            # … or a plot taken sold on: 陈仓的地认购后能卖吗
            r"|(认购|认领|租)(的|了|后|完)[^,.?!，。？！]{0,6}(卖|转让|过户|出租|转给)",
        ),
        named_lifts=False,
    ),
    Rule(  # buying what a project grows or makes is a market, whoever is named
        Refusal.MARKET,
        any_of(
            r"(买|购买|买到|订购|网购)(到)?.{0,6}(蔬菜|菜|农产品|土特产|特产|产品|商品)",
            # where a thing is bought: 少年军校的军装在哪能买到 (认购 a plot is the project's)
            r"(在哪|哪里|哪儿|去哪)(里|儿)?(能|可以)?(买|购买)(?!卖)",
            r"(哪个|哪家|什么)(超市|商场|店|网店)[^,.?!，。？！]{0,3}(有卖|能买|在卖|卖|有)",
            r"(蔬菜|菜|农产品|土特产|特产|产品|商品|大米|米|面粉|粮食|水果|鸡蛋)(在哪|哪里|哪儿|去哪|怎么|能|可以|能不能)*.{0,4}"
            r"(买|购买|订购|买到)|(蔬菜|菜|农产品|特产|产品)[^,.?!]{0,8}(有卖|在卖|卖吗|卖不卖)",
            # a shop online, whatever it sells: 少年军校那种迷彩军装淘宝上同款多少钱
            r"淘宝|京东|拼多多|闲鱼|网购|同款",
        ),
        named_lifts=False,
    ),
    Rule(  # a subsidy or allowance is the government's, never an organization's to grant
        Refusal.POLICY,
        any_of(
            rf"{_AID}",
            r"\b(subsid(y|ies|ize)|allowances?|pensions?|welfare benefits?)\b",
        ),
        named_lifts=False,
    ),
    Rule(  # lodging, food or a ride near one of ours is no service of it (智塔附近有没有宾馆)
        Refusal.OFF_TOPIC,
        any_of(
            r"(附近|旁边|周边|周围|边上|门口|对面)[^,.?!，。？！]{0,8}(宾馆|酒店|旅馆|住宿|民宿|饭店|餐馆|饭馆"
            r"|好吃|吃的|吃饭|小吃|美食|景点|好玩|公交|地铁|停车|超市|商场|银行|药店|厕所|加油站|诊所|医院"
            r"|卫生院)",
            # the bus to it: 从宝鸡到智塔坐几路车 (去智塔怎么走 asks where it is)
            r"几路(车|公交|公共汽车)|坐几路|公交车?(怎么坐|几路|站)|地铁(怎么坐|几号线|站)|打车(多少钱|要多少)",
            # fortune-telling, whoever is asked to do it
            r"风水|算命|看相|占卜|求签|星座|运势|生辰八字|八字",
        ),
        named_lifts=False,
    ),
    Rule(  # who will win, foretold (谁会 is also who serves: 谁会上门, so a rule of its own)
        Refusal.OPINION,
        any_of(
            r"谁(会|能)(拿|得|赢|夺)(第一|冠军|奖|名次)|(会不会|能不能)(拿|得|赢)(到)?(第一|冠军|奖)"
            # a fight or a rank imagined: 会长能打过马保国不, 在所有机构里排第几
            r"|能打(得)?过[\u4e00-\u9fff]{1,5}(不|吗|么|没)|打得过[\u4e00-\u9fff]{0,5}(不|吗|么|没)"
            r"|打不打得过|谁(更)?能打|排(在)?第几|排名(第)?几|排(在)?(第)?多少名"
            # the first of a ranking no source gives: 评比排第一的是哪个, 谁拿了第一
            # (评上第一批示范单位, 第一届, 第一次: a batch or an edition, no rank)
            r"|(排|评|比|考)[^,.!?;。\s]{0,3}第一(?![批届次期轮])[名的]*(是)?(哪|谁)|第一名(是)?(哪|谁)"
            r"|(哪|谁)[^,.!?;。\s]{0,8}(排|评|拿|得)(名|了|到|上)?第一(?![批届次期轮])"
            r"|哪(家|个|位)最(赚钱|有钱|挣钱|厉害|牛|大)",
        ),
        named_lifts=False,
    ),
    Rule(  # the weather asked of; told as the story's scene (这几天下雨下个不停), it asks nothing
        Refusal.OFF_TOPIC,
        any_of(r"天气|下雨|下雪|气温"),
        named_lifts=False,
        scene=Scene.SMALL_TALK,
    ),
    Rule(  # the weather, a trip, or a text put in another language, whoever is named
        Refusal.OFF_TOPIC,
        any_of(
            r"翻译|\btranslat\w*|自驾|周边游|一日游|自由行"
            r"|(改|翻|译|转|写)成(英文|英语|日文|日语|韩文|韩语|外语|俄语|法语)",
            # told in another language: 用英文介绍一下明明心理
            r"(用|拿|翻成|换成|改成)(英文|英语|日语|日文|韩语|韩文|俄语|法语|德语)[^,.?!]{0,12}(介绍|说|讲|写|回答|给我|来)"
            r"|(翻成|译成|翻译成)",
            r"(冬天|夏天|天气?)[^,.?!，。？！]{0,4}(冷|热)(吗|不)|会不会(很|太)?(冷|热)|冷不冷|热不热",
            r"停车[^,.?!，。？！]{0,4}(收费|收不收|要钱|多少钱|免费|费)",
            # a book or a film recommended (书法 and 秘书长 are no book)
            r"推荐[^,.?!，。？！]{0,10}(书|书籍|电影|电视剧|纪录片|app|软件|公众号)(?![法记长])"
            r"|(几|一|哪)本[^,.?!，。？！]{0,10}书(?![法记长])",
        ),
        named_lifts=False,
    ),
    Rule(
        Refusal.OFF_TOPIC,
        any_of(
            r"景点|旅游|美食|小吃|特产|火车|高铁|动车|飞机|机票|车票|公交|地铁|几路车",
            r"限行|堵车|停车(场|费|位|收费|在哪|哪里|方便)|酒店|宾馆|饭店|餐馆|电影|笑话",
            # a business's place: 宝鸡哪有健身房 (健身 is the sports' topic; no gym is ours)
            r"健身房|网吧|ktv|洗浴中心|足疗",
            # asked to write one, not a hobby told (我喜欢写诗画画)
            r"(^|帮我|给我|替我|帮忙|你|能不能|可以|请)(写|作)(一|个|首|篇|段|份)*.{0,10}"
            r"(代码|程序|作文|诗|文章|小说)|(用|拿)[a-z+#]+写|写(个|一个|段|一段)?(代码|程序|脚本)",
            r"星座|运势|算命",
            # how to sing or paint well is a lesson, not a service found (哪里能学秦腔 is ours)
            r"怎么(唱|跳|画|写|练|打)才(能)?(好听|好看|标准|好)",
            r"\btell me (a |an |some )?(story|stories|joke)",
            # sights to see (有什么好玩的活动 asks for one of ours)
            r"好玩的(地方|去处|景点)|哪里好玩|哪儿好玩",
            # a sum worked out from numbers given: 1000元一块，认3块要多少钱 (no year among them)
            r"(?<![\d年])\d+(\.\d+)?(?![\d年])[^\d]{1,16}(?<![\d年])\d+(\.\d+)?(?![\d年])[^\d]{0,12}(多少|几)",
            # a disaster's toll is news, not a service (支援受灾地区 is ours)
            r"死了多少|死了几|死亡|遇难|伤亡|失踪|去世了?(多少|几)",
            r"(多少|多大)[^,.?!，。？！]{0,4}损失|损失(了)?(多少|多大|有多|几)",
            # which foods go together: 西红柿和鸡蛋能一起吃吗 (not 老人能一起吃饭吗, 吃午饭, 吃的饭)
            r"(和|跟|与)[\u4e00-\u9fff]{1,6}(能|可以|能不能|可不可以)(一起|同时|混着?|搭配着?)(吃|喝)(?![早午中晚]?饭|的饭|顿|个饭|餐)"
            r"|(食物|食品)相克",
            # … and so is its measure: 河南那场暴雨一共下了多少毫米, 几级地震 (no figure of an
            # organization is counted in them; 几级 is also a rating, 评估等级几级, and 多少厘米
            # a child's height a service may ask)
            # (雨量大的时候谁来帮忙 tells when a service is needed)
            r"多少毫米|(降雨量|降水量|雨量|水位)[^,.?!，。？！]{0,4}(多少|几|多高|多大)|震级|级地震"
            r"|(暴雨|大雨|雨|洪水|水灾)[^,.?!，。？！]{0,4}(下了|持续了?|淹了)(几|多少)(天|个?小时)",
            # which bin a thing goes in: 废电池算啥垃圾 (垃圾分类的志愿活动 asks for a service)
            r"(算|属于|是|归)(什么|哪类|哪一类|哪种|哪个)垃圾|(扔|丢|放)(进|到|在)?(哪个|哪种|什么)"
            r"(颜色的?)?(垃圾)?桶|垃圾(分类)?(要|得)?(分|有|分成)(几|哪几|哪些|多少)(类|种)",
            # when a disaster came is news too (what was done for it is ours: 抗洪救灾)
            r"(暴雨|大雨|洪水|地震|水灾|发大水|台风)[^,.?!，。？！]{0,6}(哪天|什么时候|几号|几月|哪年)"
            r"(开始|下|发生|来|停|结束)?的?",
            # a day of the calendar: general knowledge, none of it in the records (国防教育日是
            # 哪一天; when something of ours was held names it: 少年军校是哪一天开营的)
            r"(日|节)(是|在)?(每年|今年|明年)?的?(哪一天|哪天|几月几[号日]|几号|哪个月|什么时候)"
            r"(呢|啊|呀)?[?？]?$",
            r"\b(weather|rain|snow|temperature|forecast|trains?|flights?|hotels?|restaurants?|jokes?"
            r"|tourist|sightseeing)\b",
        ),
    ),
    Rule(  # prizes and games of the world: 诺贝尔奖颁给谁了, 武术是奥运会项目吗
        Refusal.OFF_TOPIC,
        any_of(r"诺贝尔|奥运|奥林匹克|世界杯|亚运会|冬奥|全运会|奥斯卡|欧冠"),
        # a child trained for them somewhere (以后参加全运会，哪里能学武术) asks for a lesson
        unless=re.compile(
            r"(哪里|哪儿|哪有|去哪|到哪|谁)[^,.?!，。？！]{0,4}(学|练|教|培训|报名)"
            r"|(学|练|教|培训)[^,.?!，。？！]{0,6}(哪里|哪儿|去哪|在哪|哪有)"
        ),
    ),
)
