/**
 * The admin child page's "who may and may not collect" (issue 10), in Simplified Chinese. Spread
 * into zh.ts; custody-en.ts has the same keys (the type checks it).
 */
export const custodyZh = {
  custody: {
    guardians: {
      title: "接送人（家长）",
      hint: "新添加的家长和新绑定的家长卡须经管理员确认后才能接走学生。",
      none: "还没有家长。",
      name: "姓名",
      relation: "关系",
      phone: "电话",
      cards: "接送卡",
      noCards: "无卡",
      existing: "已在名单中的家长（兄弟姐妹的家长）",
      newAdult: "新家长",
      add: "添加家长",
      edit: "修改",
      save: "保存",
      unlink: "解除关联",
      cardNumber: "卡号（卡面印的号码）",
      bind: "绑定卡",
      unbind: "解绑",
      lost: "挂失",
      revoke: "作废",
      activate: "恢复使用",
    },
    status: {
      active: "正常",
      lost: "已挂失",
      revoked: "已作废",
      pending: "待确认",
    },
    barred: {
      title: "不得接走的人",
      hint: "法院裁定、无监护权等：此人刷卡时门卫屏幕红色告警，绝不通知老师。",
      none: "没有登记。",
      name: "姓名",
      relation: "关系",
      idLast4: "身份证后4位",
      photo: "此人照片（门卫核对）",
      note: "原因或法院文书编号",
      cardNumber: "此人可能持有的卡号",
      guardian: "是本学生的哪位家长（可不选）",
      noGuardian: "不是名单中的家长",
      validFrom: "有效期自",
      validTo: "有效期至",
      always: "长期",
      add: "登记",
      save: "保存",
      edit: "修改",
      remove: "删除",
      line: "{{name}}（{{relation}}）",
      valid: "{{from}} 至 {{to}}",
    },
    pending: {
      banner: "{{count}} 项接送权限待确认",
      title: "待确认的接送权限",
      none: "没有待确认的接送权限。",
      link: "{{guardian}} 接 {{children}}",
      card: "{{guardian}} 的新卡 {{card}}（可接 {{children}}）",
      asked: "{{by}} 于 {{time}} 提交",
      confirm: "确认",
      reject: "拒绝",
      confirmed: "已确认",
      rejected: "已拒绝",
    },
  },
};

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };
export type CustodyCatalogue = Strings<typeof custodyZh>;
