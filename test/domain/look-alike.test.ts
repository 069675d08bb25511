import { describe, expect, it } from "vitest";
import { lookAlikePairs, lookAlikesOf } from "../../server/domain/look-alike/look-alike-index";
import { blurred, lookAlikeKind, readName } from "../../server/domain/look-alike/look-alike-rule";
import { buildRosterIndex } from "../../server/domain/roster-index";
import { smallSchool } from "./fixtures";

const kind = (a: string, b: string) => lookAlikeKind(readName(a), readName(b));

describe("the look-alike rule", () => {
  it("the same name", () => {
    expect(kind("王子涵", "王子涵")).toBe("same_name");
  });

  it("homophones, tones ignored: same pinyin", () => {
    expect(kind("王子涵", "王梓涵")).toBe("same_pinyin");
    expect(kind("李一诺", "李依诺")).toBe("same_pinyin");
    expect(kind("王子涵", "王紫晗")).toBe("same_pinyin");
    // What the guard hears called out is the reading, whatever the surname's character.
    expect(kind("张三", "章三")).toBe("same_pinyin");
  });

  it("a surname read as a surname (单 shan, 曾 zeng)", () => {
    expect(readName("单田芳").syllables).toEqual(["shan", "tian", "fang"]);
    expect(readName("曾小贤").syllables).toEqual(["zeng", "xiao", "xian"]);
  });

  it("one character different, sounding alike (zh/z, n/l, -ng/-n, f/h)", () => {
    expect(kind("陈晨", "陈成")).toBe("similar_sound"); // chen / cheng
    expect(kind("李子楠", "李子兰")).toBe("similar_sound"); // nan / lan
    expect(kind("王志豪", "王子豪")).toBe("similar_sound"); // zhi / zi
    expect(blurred("zhang")).toBe(blurred("zan"));
  });

  it("one character different, looking alike", () => {
    expect(kind("刘未来", "刘末来")).toBe("similar_look");
    expect(kind("张己宁", "张已宁")).toBe("similar_look");
  });

  it("one character different, neither sounding nor looking alike: not flagged", () => {
    expect(kind("王子涵", "王子轩")).toBeUndefined();
    expect(kind("李一诺", "李一鸣")).toBeUndefined();
  });

  it("different surnames are not flagged for one different character", () => {
    expect(kind("王子涵", "赵子涵")).toBeUndefined();
    expect(kind("王子涵", "黄子涵")).toBeUndefined();
    // Even surnames that look alike: the one-character rule is for given names.
    expect(kind("王未来", "玉未来")).toBeUndefined();
  });

  it("two characters different, or different lengths: not flagged", () => {
    expect(kind("王子涵", "王梓轩")).toBeUndefined();
    expect(kind("王涵", "王子涵")).toBeUndefined();
  });
});

describe("look-alikes in a school", () => {
  function school() {
    const db = smallSchool();
    db.children.push(
      { id: "c4", name: "王子涵", grade: 1, className: "1班", groupId: "g1" },
      { id: "c5", name: "王梓涵", grade: 1, className: "1班", groupId: "g1", photo: "/photos/c5.jpg" },
      { id: "c6", name: "李一诺", grade: 3, className: "2班", groupId: "g2" },
      { id: "c7", name: "李依诺", grade: 2, className: "3班", groupId: "g1" },
      { id: "c8", name: "赵子涵", grade: 2, className: "3班", groupId: "g1" },
    );
    return buildRosterIndex(db);
  }

  it("each child knows its look-alikes; a different surname is not one", () => {
    const roster = school();
    expect(lookAlikesOf(roster, "c4")).toEqual([{ otherId: "c5", kind: "same_pinyin" }]);
    expect(lookAlikesOf(roster, "c7")).toEqual([{ otherId: "c6", kind: "same_pinyin" }]);
    expect(lookAlikesOf(roster, "c8")).toEqual([]);
    expect(lookAlikesOf(roster, "c1")).toEqual([]);
  });

  it("namesakes first, then by kind and id; a guard's row asks for the first few only", () => {
    const db = smallSchool();
    db.children.push(
      { id: "c4", name: "王子涵", grade: 1, className: "1班", groupId: "g1" },
      { id: "c9", name: "王子涵", grade: 2, className: "1班", groupId: "g1" },
      { id: "c10", name: "王子涵", grade: 3, className: "2班", groupId: "g2" },
      { id: "c5", name: "王梓涵", grade: 1, className: "1班", groupId: "g1" },
    );
    const roster = buildRosterIndex(db);
    expect(lookAlikesOf(roster, "c4")).toEqual([
      { otherId: "c10", kind: "same_name" },
      { otherId: "c9", kind: "same_name" },
      { otherId: "c5", kind: "same_pinyin" },
    ]);
    expect(lookAlikesOf(roster, "c5")).toEqual([
      { otherId: "c10", kind: "same_pinyin" },
      { otherId: "c4", kind: "same_pinyin" },
      { otherId: "c9", kind: "same_pinyin" },
    ]);
    expect(lookAlikesOf(roster, "c9", 2)).toEqual([
      { otherId: "c10", kind: "same_name" },
      { otherId: "c4", kind: "same_name" },
    ]);
    expect(lookAlikesOf(roster, "nobody")).toEqual([]);
    expect(lookAlikePairs(roster)).toHaveLength(6);
  });

  it("the office's list has every pair once, with class, group and photo", () => {
    const pairs = lookAlikePairs(school());
    expect(pairs).toHaveLength(2);
    expect(pairs).toContainEqual({
      a: {
        childId: "c4",
        name: "王子涵",
        grade: 1,
        className: "1班",
        groupName: "一二年级",
        kind: "same_pinyin",
      },
      b: {
        childId: "c5",
        name: "王梓涵",
        grade: 1,
        className: "1班",
        groupName: "一二年级",
        photo: "/photos/c5.jpg",
        kind: "same_pinyin",
      },
      kind: "same_pinyin",
    });
  });
});
