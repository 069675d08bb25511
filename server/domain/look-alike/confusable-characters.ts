/**
 * Characters that look alike at a glance on a screen or a pickup card, as groups. Neither
 * pinyin-pro nor any other dependency describes shapes, so this is a hand-kept table of pairs
 * known to be confused in names and in primary-school dictation; characters that share a phonetic
 * component usually also share the reading and are caught as homophones already.
 */
const GROUPS = [
  "己已巳",
  "未末",
  "戊戌戍",
  "王玉主",
  "日曰",
  "人入八",
  "土士",
  "天夭",
  "大太犬",
  "今令",
  "冶治",
  "晴睛",
  "侯候",
  "辨辩辫",
  "宇字",
  "汪注",
  "佳桂",
  "昕晰",
  "蓝篮",
  "贝见",
  "田由甲申",
  "折析",
  "刁刀",
  "免兔",
  "鸟乌",
  "拔拨",
  "栋炼",
  "壶壸",
  "崇祟",
  "茶荼",
  "徽微",
  "盲肓",
  "妹姝",
  "娇桥",
  "钰钮",
];

const GROUP_OF = new Map<string, number>();
GROUPS.forEach((group, index) => {
  for (const char of group) GROUP_OF.set(char, index);
});

export function lookAlikeCharacters(a: string, b: string): boolean {
  const group = GROUP_OF.get(a);
  return a !== b && group !== undefined && group === GROUP_OF.get(b);
}
