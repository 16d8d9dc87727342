/**
 * The commands as the help card lists them. Plain text: the renderer escapes it for markdown, so `<标题>` and
 * `[可选]` show as typed.
 */
export const HELP_COMMANDS: readonly { usage: string; desc: string; example: string }[] = [
  { usage: '/督办 帮助', desc: '显示本说明。', example: '/督办 帮助' },
  { usage: '/督办 新建', desc: '打开立项登记表单，逐项填写后提交（督办人员）。', example: '/督办 新建' },
  {
    usage: '/督办 新建 <标题> 主办:<单位> [协办:<单位>,<单位>] 截止:<YYYY-MM-DD> [分管:<姓名>] [来源:<来源>] [周期:每周|每两周|每月] [重要] [挂牌] [涉密]',
    desc: '一句话立项登记，方括号内为可选项（督办人员）。',
    example: '/督办 新建 修订本科生培养方案 主办:教务处 协办:研究生院,学生处 截止:2026-12-31 分管:李副校长 来源:校长办公会 重要',
  },
  {
    usage: '/督办 列表 [我的|本单位|逾期|待审核|全部]',
    desc: '按范围列出事项和红黄绿灯：🟢 正常，🟡 临近时限，🔴 已逾期。',
    example: '/督办 列表 逾期',
  },
  { usage: '/督办 查看 <编号>', desc: '查看事项详情、进展和办理记录。', example: '/督办 查看 督办〔2026〕17号 或 /督办 查看 2026-17' },
  {
    usage: '/督办 进展 <编号> <文字>',
    desc: '填报一条进展（主办或协办单位）。',
    example: '/督办 进展 2026-17 培养方案初稿已完成，下周提交校长办公会审议',
  },
  { usage: '/督办 催办 <编号>', desc: '向主办单位发出催办（督办人员）。', example: '/督办 催办 2026-17' },
  {
    usage: '/督办 绑定 <单位名>',
    desc: '把当前群聊绑定为该单位的工作群，督办单和催办将发到这里。',
    example: '/督办 绑定 教务处',
  },
];
