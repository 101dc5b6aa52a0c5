/**
 * Chinese and pinyin words that people build passwords from, as zxcvbn-ts dictionaries. No
 * maintained @zxcvbn-ts language package covers Chinese (the registry has ar, cs, de, en, es-es,
 * fi, fr, id, it, ja, nl-be, pl, pt-br), so this compact list is our own, hand-made: passwords
 * that analyses of the leaked Chinese password sets (CSDN, Tianya, 2011) report among the most
 * frequent, the commonest pinyin surnames and given names, and pinyin words and number codes
 * (520 = 我爱你, 1314 = 一生一世) that recur in them. Extend it when you meet new ones.
 * Order is rank: earlier entries are guessed first. zxcvbn also finds these with digits, years,
 * capitals, l33t and reversal around them (woaini1314, Zhangwei1985!, 5201314woaini).
 */

/** Whole passwords, most common first (lowercase; zxcvbn lowercases before matching). */
const passwords = [
  'woaini', 'woaini1314', 'woaini520', 'woaini521', '5201314', '1314520', '5201314520', '520520', '521521',
  '1314521', '13145200', '5211314', 'woaiwojia', 'woaiwoziji', 'wodemima', 'mima', 'mimamima', 'mima123',
  'nihao', 'nihao123', 'aini', 'aini1314', 'iloveyou1314', 'qq123456', 'qq5201314', 'taobao', 'baidu',
  'weixin', 'wechat', 'zhifubao', 'alipay', 'dearbook', 'xiaoxiao', 'xiaoming', 'xiaohong', 'xiaoqiang',
  'xiaobao', 'baobao', 'beibei', 'qinqin', 'tiantian', 'kuaile', 'xingfu', 'aiqing', 'pengyou', 'laopo',
  'laogong', 'laoshi', 'zhongguo', 'zhongguoren', 'woshishui', 'woshizhu', 'zhuzhu', 'wangwang', 'yiersan',
  'yangguang', 'shanghai', 'beijing', 'tianjin', 'shenzhen', 'guangzhou', 'nanjing', 'wuhan', 'chengdu',
  '147258', '147258369', '159357', '159753', '741852963', '789456123', '123456789a', 'a5201314',
  '168168', '16881688', '518518', '888888', '666666', '66668888', '88886666', '1234abcd', 'asd123456',
  'zxc123456', 'qwe123456', 'qaz123456', 'aaa123456', 'abc123456', 'w123456', 'q123456', 'z123456',
  'kexie', 'kexue', 'keji', 'zhongguokexie', 'kejiaoxingguo',
]

/** The commonest surnames, by population share. */
const surnames = [
  'wang', 'li', 'zhang', 'liu', 'chen', 'yang', 'huang', 'zhao', 'wu', 'zhou', 'xu', 'sun', 'ma', 'zhu',
  'hu', 'guo', 'he', 'gao', 'lin', 'luo', 'zheng', 'liang', 'xie', 'song', 'tang', 'han', 'feng', 'deng',
  'cao', 'peng', 'zeng', 'xiao', 'tian', 'dong', 'yuan', 'pan', 'yu', 'jiang', 'cai', 'jia', 'ding', 'wei',
  'xue', 'ye', 'yan', 'lu', 'du', 'dai', 'fan', 'fang', 'shi', 'yao', 'tan', 'liao', 'zou', 'xiong', 'jin',
  'ouyang', 'shangguan', 'sima', 'zhuge',
]

/** Common given names and the names most often seen whole (zhangwei is China's commonest name). */
const givenNames = [
  'zhangwei', 'wangwei', 'wangfang', 'liwei', 'wangxiuying', 'lixiuying', 'lina', 'zhangxiuying', 'liuwei',
  'zhangmin', 'lijing', 'zhangli', 'wangjing', 'wangli', 'zhangjing', 'liqiang', 'wangmin', 'wangqiang',
  'wei', 'fang', 'na', 'min', 'jing', 'li', 'qiang', 'lei', 'jun', 'yang', 'yong', 'yan', 'jie', 'juan',
  'tao', 'ming', 'chao', 'xiuying', 'xia', 'ping', 'gang', 'hui', 'hong', 'ling', 'hua', 'fei', 'bo', 'peng',
  'xin', 'yu', 'hao', 'yi', 'xiaoyu', 'haoyu', 'yuxuan', 'zihan', 'zixuan', 'xinyi', 'yutong', 'jiahao',
]

/** Pinyin words and phrases that recur inside leaked passwords. */
const words = [
  'wo', 'ai', 'ni', 'woai', 'nihao', 'baobei', 'qinai', 'xihuan', 'shengri', 'kaixin', 'pingan', 'jiayou',
  'fendou', 'mengxiang', 'tianshi', 'xingxing', 'yueliang', 'taiyang', 'haizi', 'mama', 'baba', 'jiejie',
  'gege', 'didi', 'meimei', 'laoda', 'xiongdi', 'shuai', 'shuaige', 'meinv', 'wuliao', 'hehe', 'haha',
  'hello', 'dongfang', 'huaxia', 'chunjie', 'zhongqiu', 'long', 'feng', 'hu', 'niu', 'ma', 'gou', 'shu',
  'kexuejia', 'gongchengshi', 'yisheng', 'jiaoshou', 'xuesheng', 'zhiyuan', 'zhiyuanzhe', 'dangyuan',
]

export const chineseDictionary = {
  'passwords-zh': passwords,
  'lastnames-zh': surnames,
  'firstnames-zh': givenNames,
  'commonWords-zh': words,
}
