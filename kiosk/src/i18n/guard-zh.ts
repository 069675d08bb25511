/**
 * The guard's eyes (refusal reasons, acknowledgements, cloned cards, look-alike names) in Simplified
 * Chinese. Spread into zh.ts; guard-en.ts has the same keys (the type checks it).
 */
export const guardZh = {
  guard: {
    reason: {
      requestedBy: "{{by}} {{time}} 已刷卡接",
      releasedFor: "{{by}} {{time}} 已放行",
      collectedBy: "{{by}} {{time}} 已接走",
      collectedAt: "{{time}} 已接走",
      since: "{{time}}",
      leave: "请假：{{reason}}",
      note: "说明：{{note}}",
    },
    ack: {
      button: "已处理",
      note: "处理说明（可不填）",
      done: "已处理：{{by}} {{time}}",
      doneNote: "已处理：{{by}} {{time}} · {{note}}",
      folded: "已处理的告警（{{count}}）",
      open: "未处理的告警（{{count}}）",
      toast: "告警已标记为已处理",
    },
    lookAlike: {
      title: "注意：名字相近，请核对",
      kind: {
        same_name: "同名",
        same_pinyin: "同音",
        similar_sound: "读音相近",
        similar_look: "字形相近",
      },
      listTitle: "名字相近的学生",
      listHint: "同名、同音、或同姓只差一个读音或字形相近的字：请确认照片已上传，并告知老师和门卫。",
      none: "全校没有名字相近的学生。",
      where: "（{{class}} · {{group}}）",
    },
    face: {
      enlarge: "点按放大 {{name}} 的照片",
    },
    custody: {
      title: "不得接走",
      who: "{{name}}（{{relation}}）",
      idLast4: "身份证后4位 {{last4}}",
    },
    record: {
      headHash: "记录校验值（哈希链）：{{hash}}",
    },
    clone: {
      first: "先在 {{gate}} {{time}} 刷过",
      second: "又在 {{gate}} {{time}} 刷卡",
      allCollected: "孩子今天都已被接走",
      suspend: "停用此卡",
      suspendConfirm: "停用卡 {{cardId}}？停用后此卡在任何门口都会被拒。",
      suspended: "卡 {{cardId}} 已停用",
    },
  },
};

export type GuardCatalogue = typeof guardZh;
