"""The rules of scope about work no organization here offers: jobs and their pay (a line
of work wanted, told as the story's scene), and work asked of the bot itself — a text
written, a sum, a summary, a part played. Tried after the topics (scope_rules.py)."""

from __future__ import annotations

import re

from knowledge.answering.scope_kinds import Refusal, Rule, Scene, any_of

WORK_RULES: tuple[Rule, ...] = (
    Rule(
        Refusal.JOB,
        any_of(
            r"招聘|应聘|求职|找工作|找份工作|找个工作|招人|招工|招不招|招员工|面试|简历|入职|岗位"
            r"|缺不缺人|缺人(吗|不)|还要人(吗|不)|一个月(给|开|发)多少"
            r"|工作机会|兼职|工资(多少|多高|高不高|怎么样|待遇|几千)|待遇(怎么样|好不好|如何)"
            r"|五险一金|编制|宿舍|包吃包住|包吃住|员工福利|年终奖|招(不招)?(教练|老师|社工|员工|工作人员|会计|保安|司机|人)|(挣|赚)多少|收入(多少|高不高|怎么样)"
            r"|(当|做|干)(会计|出纳|保安|司机|厨师|保姆|文员|前台|保洁员|保洁)"
            # these only when wanted (俺爸想去少年军校当教官): 谁当教练, 找个做护工的阿姨 ask
            # for a service (review11)
            r"|(想|要)[^,.?!，。？！找请]{0,8}(当|做|干)(个|一个|一名)?(教官|教练|护工)",
            r"\b(jobs?|hiring|recruit\w*|vacanc\w+|salary|salaries|wages?|resume|cv"
            r"|internships?|employment|earns?)\b|apply for (a |the )?(job|position)",
        ),
        # a job lost, told: "I lost my job and I'm depressed" asks for no vacancy
        # … nor a service that helps people into work (帮妇女找工作的公益项目)
        unless=re.compile(
            r"志愿|义工|volunteer|\blost (my|his|her|their) jobs?\b|\blaid off\b"
            r"|(帮|帮助|扶持|培训|支持)[^,.?!]{0,6}(找工作|就业|再就业|创业)"
        ),
        named_lifts=False,
    ),
    Rule(  # pay named: told in a clause of its own beside a service asked for, the story's
        # scene (我在超市上班，工资太低压力大，有没有心理疏导); asked of, a job's pay
        Refusal.JOB,
        any_of(r"(?<!欠)(工资|薪水|薪资|月薪|年薪)(?!要不回|没发|不给)"),
        named_lifts=False,
        scene=Scene.BACKGROUND,
    ),
    Rule(  # a line of work wanted, trained for or not (想当网络主播，要不要去培训)
        Refusal.JOB,
        any_of(
            r"(当|做|干)(个|一个|一名)?(网络|带货)?(主播|网红|博主|模特|程序员|设计师|美容师|化妆师"
            r"|理发师|美甲师|月嫂|育婴师)"
        ),
        # told beside a service of ours asked for (我想当月嫂，但家里老人没人照顾，有没有养老服务)
        unless=re.compile(r"公益|志愿|义工|活动|服务|组织|协会|中心|幸福院|康复|照顾|帮扶"),
        named_lifts=False,
    ),
    Rule(
        Refusal.WRITING,
        any_of(
            # the words of a banner or a letter asked for: 锦旗上该写啥, 感谢信怎么写
            r"(锦旗|感谢信|表扬信|对联|贺词|横幅|祝福语|悼词)[^,.?!，。？！]{0,4}(该|要|应该)?(写啥|写什么|怎么写|咋写)",
            r"(?<![填描书抄听默编改])(写|起草|拟|撰写|代写)(一|个|份|篇|封|段|下|一下)*"
            r"[\u4e00-\u9fff]{0,8}?(申请|报告|材料|总结|计划书|方案|倡议书|感谢信|信|简历|发言稿|稿子"
            r"|通知|证明|文案|教程|攻略|教案|起诉状|诉状|答辩状|状子|协议书)",
            r"开(具|个|一个|张|一张|份)?.{0,6}(证明|假条|诊断书|处方)",
            r"\b(write|draft)\s+(me\s+)?(an?\s+|the\s+|my\s+)?(application|letter|report|essay"
            r"|speech|poem|resume|proposal)",
        ),
        named_lifts=False,
    ),
    Rule(  # work asked of the bot: a sum, a summary, a text polished, a part played
        Refusal.TASK,
        any_of(
            # a sum worked out: 你算一下…减掉…, 帮我算算平均每人多少 (not 认购一块地多少钱)
            r"(你|帮我|给我|替我|麻烦|请)(帮我|给我)?(算|计算|换算|统计)(一下|下|一算|算)?"
            r"[^。?!]{0,40}(减|加上|乘|除|平均|分成|合多少|一共|总共|差多少|百分之|比例|占比|等于)",
            r"(?<=[0-9万元块])(减掉|减去|加上|乘以|除以)[0-9]",
            # an article summed up or rewritten: 总结一下这篇报道, 用三句话概括
            r"(总结|概括|归纳|提炼|缩写|缩短|压缩|摘要|改写|润色|精简)(一下|下)?[^,.?!]{0,6}(这篇|那篇|两篇|文章|报道"
            r"|新闻|内容|要点|稿子|事迹|事例|经验|做法|资料)",
            r"(用|以)[一二三两几0-9]+(句话|个字|百字)(总结|概括|归纳|说说|讲讲)",
            # a length set: 缩短到五十字, 三百字以内
            r"(缩短|压缩|缩减|精简|控制|写)(到|成|在)[0-9一二三四五六七八九十两百千]+个?字"
            r"|(?<=[0-9十百千])个?字(以内|左右|之内)",
            r"(做|整|弄|生成)(个|一个|一份|一张|张|份)?(ppt|表格|海报|excel|思维导图|图表|简报)",
            # a text of ours made into another kind: 介绍改成朋友圈文案, 事迹编成顺口溜
            # a part played: 你假装是智塔的老师
            r"(你|请你)(来|先|就)?(假装|装作|装成|扮成)",
            # a sign-up or a booking made for the resident, the clause ending there (帮我给孩子报
            # 个名; not 帮我报名的话怎么报, 能帮我报名吗 asked of an organization, nor who or how
            # one does it: 谁能帮我报名少年军校, 怎么给我预约, 智塔能不能帮我预约 (review11))
            # (〇: a name of ours masked, 我在陈仓有块田 taking the 我 with it)
            r"(帮|替|给)(?<![能谁么以咋否会][帮替给])(?:我|(?=〇))(〇|在[^,.?!，。？！]{1,10})?(给[^,.?!，。？！]{1,4})?"
            r"(报个名|报上名|报名|预约一下|预约|挂个号|挂号|占个位|认购|认领)[^,.?!，。？！]{0,4}"
            r"(?<![吗不么呢没])(?=[,.?!，。？！]|$)",
            # a service arranged by the bot itself: 你能不能给俺们村也安排装上几台, 让你给我们弄个
            r"(你|您)(能不能|能|可以|可不可以|就|来|帮忙)?(也)?(给|帮|替)(我|俺|咱)们?"
            r"(村|家|小区|社区|这|那)?(里|儿)?(也)?(安排|弄|装|建|修|盖|搞|申请)"
            # … a care applied for by the bot (你能帮我申请智塔的干预吗 asks how: review11)
            r"(?<![我俺咱]申请)(?<![我俺咱]们申请)",
            r"(写|编)(个|一个|段|一段)?(程序|代码|脚本|爬虫)|\bpython\b",
            r"(改成|写成|改写成|编成|做成|整理成|缩成)[^,.?!]{0,8}(文案|朋友圈|文章|稿|诗|歌|口号|标语|作文|顺口溜"
            r"|快板|对联|段子|锦旗|贺词|ppt|海报|表格|故事|童话|小说|剧本)",
            # a part played: 你来当智塔的老师, 你扮一下咨询师
            r"(你|请你)(来|先)?(当|充当|假扮|扮|模仿|冒充)(一下|一回|一次)?(一个|一位|我的)?"
            r"[^,.?!]{0,10}(老师|咨询师|社工|会长|负责人|客服|医生|律师|角色)",
        ),
        named_lifts=False,
    ),
)
