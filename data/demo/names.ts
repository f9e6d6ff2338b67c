import type { OwnershipType } from '../../core/domain/community.js'
import type { DistrictRole } from './admin.js'
import type { Rng } from './random.js'

/** Name pools for the fictional city 清河市. Everything here is invented; any likeness is generic. */
export const CITY_NAME = '清河市'
export const RIVER_NAME = '清河'
export const LAKE_NAME = '镜湖'

export const DISTRICT_NAMES: Record<DistrictRole, string> = {
  center: '鼓楼区',
  north: '北岗区',
  east: '东湖区',
  south: '清南区',
  west: '西园区',
}

const STREET_ROOTS = [
  '鼓楼', '钟楼', '城关', '东关', '西关', '南门', '北门', '文昌', '府前', '和平', '解放', '胜利', '新华', '人民',
  '滨河', '桃花', '杏林', '龙山', '凤凰', '青龙', '白云', '金山', '银湖', '朝阳', '向阳', '五里墩', '三里庵',
  '七里塘', '十里铺', '双岗', '荷塘', '梅山', '紫荆', '站前', '望湖', '大杨', '林店', '孙岗', '丁香', '枫林',
]

const ARTERIAL_ROOTS = [
  '长江', '黄河', '淮河', '珠江', '人民', '解放', '中山', '建设', '胜利', '和平', '新华', '文化', '光明', '友谊',
  '团结', '红旗', '工业', '振兴', '复兴', '民主', '青年', '朝阳', '东风', '滨湖', '迎宾', '世纪', '育才', '翠微',
  '紫云', '天鹅', '凤台', '龙岗',
]

const MINOR_ROOTS = [
  '幸福', '健康', '前进', '劳动', '工农', '红星', '向阳', '桃园', '梅园', '杏花', '荷花', '兰苑', '竹园', '松柏',
  '银杏', '梧桐', '柳荫', '枫林', '丁香', '海棠', '芙蓉', '石榴', '樱桃', '百花', '安居', '乐业', '永安', '长乐',
  '太平', '吉祥', '如意', '丰收', '农科', '科学', '学院', '师范', '文昌', '书院', '贡院', '府前', '县前', '鼓楼',
  '钟楼', '城隍', '文庙', '大井', '双井', '石桥', '板桥', '木桥', '东门', '西门', '南门', '北门', '东关', '西关',
  '南关', '北关', '仓前', '盐店', '米市', '油坊', '染坊', '铁匠', '花市', '菜市', '鱼市', '粮站', '水厂', '电厂',
  '纺织', '机床', '化工', '车站', '码头', '船厂', '铁路', '公园', '体育', '医院', '卫校', '农校', '邮电', '供电',
  '粮库', '棉厂', '印染', '酒厂', '糖厂', '龙山', '凤凰', '青龙', '白云', '金山', '银湖', '玉泉', '翠柏', '紫荆',
  '彩虹', '星光', '晨光', '曙光', '黎明', '新村', '新园', '新民', '新城', '新安', '永红', '永丰', '永兴', '兴华',
  '兴业', '兴隆', '昌盛', '繁荣', '富强', '民生', '康宁', '合作', '工人', '红光', '卫东', '跃进', '井岗', '五一',
]

const COMMUNITY_ROOTS = [
  '和平', '幸福', '建设', '解放', '胜利', '团结', '红星', '东风', '朝阳', '向阳', '光明', '前进', '友谊', '新华',
  '人民', '文化', '劳动', '工农', '长青', '松林', '桃园', '梅园', '荷花', '杏花', '翠竹', '绿荫', '清河', '滨河',
  '南湖', '北苑', '东苑', '西苑', '金桥', '银河', '安居', '永安', '长乐', '太平', '吉祥', '康乐', '福寿', '兴华',
  '丰乐', '春晖', '晨曦', '曙光', '红旗', '先锋', '和顺', '益民', '惠民', '利民', '富民', '乐群', '双井', '石桥',
  '文昌', '鼓楼', '钟楼', '城隍', '府前', '书院', '花园', '玉兰', '紫薇', '海棠', '丁香', '芙蓉', '牡丹', '月季',
  '青松', '翠柏', '银杏', '香樟', '梧桐', '枫叶', '秋实', '春华', '锦绣', '和谐', '祥和', '瑞丰', '金色', '阳光',
]

const WORK_UNITS = [
  '纺织厂', '第二纺织厂', '机床厂', '钢铁厂', '化肥厂', '印染厂', '电力局', '供电局', '粮食局', '水利局', '邮电局',
  '铁路分局', '汽车运输公司', '卷烟厂', '酿酒厂', '玻璃厂', '自行车厂', '无线电厂', '棉纺厂', '食品厂', '糖厂',
  '木材公司', '第一建筑公司', '第三建筑公司', '市政公司', '供销社', '商业局', '物资局', '教育局', '卫生局',
  '医药公司', '化工厂', '农机厂', '柴油机厂', '变压器厂', '锅炉厂', '面粉厂', '油脂厂', '造纸厂', '水泥厂',
  '电缆厂', '轴承厂', '仪表厂', '啤酒厂', '毛纺厂', '纺机厂', '煤炭公司', '石油公司', '交通局', '公路局',
  '航运公司', '人民银行', '税务局', '师范学校', '第一中学', '人民医院', '中医院', '拖拉机厂', '搪瓷厂', '针织厂',
  '服装厂', '塑料厂', '橡胶厂', '丝绸厂', '皮革厂', '印刷厂', '电机厂', '冶金机械厂', '水泵厂', '制药厂',
]

const WORK_UNIT_SUFFIX = ['宿舍', '家属院', '家属区', '生活区', '宿舍区', '职工宿舍', '新村']
const PUBLIC_SUFFIX = ['新村', '小区', '里', '公房', '大院', '村']
const REFORM_SUFFIX = ['小区', '新村', '里', '公寓', '苑', '小区']
const COMMERCIAL_SUFFIX = ['花园', '苑', '家园', '雅居', '公寓', '名苑', '小区', '佳园', '华庭']
const CN_DIGITS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十']
const SURNAMES = ['张', '王', '李', '赵', '刘', '陈', '杨', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '高', '罗']

/** Chinese numeral for 1..99 (一, 十二, 二十三). */
export function chineseNumber(n: number): string {
  if (n <= 10) return CN_DIGITS[n - 1]
  if (n < 20) return '十' + CN_DIGITS[n - 11]
  const tens = CN_DIGITS[Math.floor(n / 10) - 1] + '十'
  return n % 10 === 0 ? tens : tens + CN_DIGITS[(n % 10) - 1]
}

/** Hands out names unique within one namespace; a taken name gets a district-style qualifier or a number. */
export class UniqueNames {
  private readonly used = new Set<string>()

  has(name: string): boolean {
    return this.used.has(name)
  }

  /** The first free candidate; falls back to qualified forms of the first one. */
  take(candidates: readonly string[], qualifiers: readonly string[] = ['二期', '东区', '西区', '南区', '北区', '三期']): string {
    for (const c of candidates) {
      if (!this.used.has(c)) {
        this.used.add(c)
        return c
      }
    }
    const base = candidates[0]
    for (const q of qualifiers) {
      if (!this.used.has(base + q)) {
        this.used.add(base + q)
        return base + q
      }
    }
    for (let n = 2; ; n++) {
      const name = `${base}${n}`
      if (!this.used.has(name)) {
        this.used.add(name)
        return name
      }
    }
  }
}

export function streetNames(rng: Rng, count: number): string[] {
  return rng.shuffle(STREET_ROOTS).slice(0, count).map((r) => r + '街道')
}

/** Road name candidates for a road class; callers take the first unused one. */
export function roadNameCandidates(rng: Rng, roadClass: 'arterial' | 'secondary' | 'local'): string[] {
  if (roadClass === 'arterial') return rng.shuffle(ARTERIAL_ROOTS).map((r) => r + (rng.chance(0.2) ? '大道' : '路'))
  const suffixes = roadClass === 'secondary' ? ['路', '路', '路', '街'] : ['街', '街', '巷', '巷', '路']
  return rng.shuffle(MINOR_ROOTS).slice(0, 40).map((r) => r + rng.pick(suffixes))
}

/** Community (小区) name candidates that fit its ownership type (a factory compound, a new estate…). */
export function communityNameCandidates(rng: Rng, ownership: OwnershipType, nearRoad: string | null): string[] {
  const out: string[] = []
  for (let k = 0; k < 6; k++) {
    if (nearRoad && rng.chance(0.18)) {
      out.push(rng.chance(0.5) ? nearRoad + '小区' : `${nearRoad}${chineseNumber(rng.int(1, 30))}号院`)
      continue
    }
    const root = rng.pick(COMMUNITY_ROOTS)
    // Never double a character across root and suffix (西苑 + 苑).
    const suffix = (list: readonly string[]) => rng.pick(list.filter((x) => x[0] !== root[root.length - 1]))
    switch (ownership) {
      case 'work_unit':
        out.push(rng.pick(WORK_UNITS) + rng.pick(WORK_UNIT_SUFFIX))
        break
      case 'public_housing':
        out.push(root + suffix(PUBLIC_SUFFIX))
        break
      case 'reform_housing':
        out.push(rng.chance(0.3) ? rng.pick(WORK_UNITS) + rng.pick(['宿舍', '家属院']) : root + suffix(REFORM_SUFFIX))
        break
      case 'commercial':
        out.push(root + suffix(COMMERCIAL_SUFFIX))
        break
    }
  }
  return out
}

/** Neighbourhood committee (社区) name candidates: often after a nearby road, else a common root. */
export function neighbourhoodNameCandidates(rng: Rng, nearRoad: string | null): string[] {
  const roots = [...rng.shuffle(COMMUNITY_ROOTS), ...rng.shuffle(MINOR_ROOTS)].map((r) => r + '社区')
  if (nearRoad) roots.splice(rng.int(0, 1), 0, nearRoad.replace(/(大道|路|街|巷)$/, '') + '社区')
  return roots
}

/** A fictional reporter: the district housing bureau or the street office, with a surname and title. */
export function reporterName(rng: Rng, districtName: string, streetName: string): string {
  const who = rng.pick(SURNAMES) + rng.pick(['工', '工', '科长', '主任'])
  return rng.chance(0.6) ? `${streetName} ${who}` : `${districtName}住建局 ${who}`
}

export function pickRoot(rng: Rng): string {
  return rng.pick(COMMUNITY_ROOTS)
}
