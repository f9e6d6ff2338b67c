import { dictionary } from '@zxcvbn-ts/language-common'

/**
 * Passwords common in Chinese leaks that the (mostly Western) zxcvbn list lacks: pinyin phrases, lucky
 * numbers, keyboard walks and dates people use.
 */
const CHINESE_COMMON = [
  'woaini', 'woaini1314', 'woaini520', 'woaini123', 'wodemima', 'mima123456', 'iloveyou1314', '5201314520',
  '1314520', '52013145201314', 'aini1314', 'zhang123', 'wang123456', 'li123456', 'liu123456', 'chen123456',
  'zhangwei', 'wangwei', 'qq123456789', 'qq666666', 'abc123456789', 'a5201314', 'w123456789', 'z123456789',
  '88888888', '66666666', '99999999', '168168168', '16881688', '51888888', '147258369', '159357456',
  '147852369', '123698745', '741852963', '963852741', '110110110', '1qaz2wsx3edc', 'qazwsxedc', 'qweasdzxc',
  'asdfghjkl', 'zxcvbnm123', 'admin123', 'admin888', 'admin@123', 'password123', 'p@ssw0rd', 'passw0rd',
  'root1234', 'test1234', 'abcd1234', 'abc@123', 'a1b2c3d4', 'qwer1234', 'asdf1234', 'zxcv1234',
  'huawei123', 'xiaomi123', 'baidu123', 'taobao123', 'weixin123', 'laogaizao', 'gaizao2026', 'gaizao123',
  'xiaoqu123', 'renewmap', 'renewmap123',
]

let set: Set<string> | null = null

/** True when the lower-cased password is a commonly used one (about 49,000 entries). */
export function isCommonPassword(lowerCased: string): boolean {
  set ??= new Set([...dictionary['passwords-common'], ...CHINESE_COMMON].map((p) => String(p).toLowerCase()))
  return set.has(lowerCased)
}
