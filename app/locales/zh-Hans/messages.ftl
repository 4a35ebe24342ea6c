# 简体中文。机器辅助翻译：须由母语人士审校。
footer = 这是 Cupola（托斯卡纳医疗预约服务）自动发送的消息。请勿回复：回复不会被阅读。
details_caption = 预约信息
label_service = 服务项目
label_when = 时间
label_where = 地点
label_code = 预约代码
label_prep = 检查前准备
label_access = 交通指引
label_hold_until = 为您保留至
label_previous = 原预约
label_reason = 原因
label_deadline = 须在此日期前
actions_heading = 您可以办理
receipt_link = 打开预约回执
cancel_link = 取消预约
confirm_link = 确认您会前来
accept_link = 接受所提供的时间
change_until = 您可以在 { $day } 之前在线改期或取消预约。
too_late_online = 已无法在线改期或取消预约：如需办理，请联系统一预约中心（CUP）或医疗机构。
calendar_attached = 附件中有此预约，可添加到您的日历。
calendar_cancel_attached = 附件中有此取消信息，可更新到您的日历。
confirmed_subject = 预约已确认：{ $day }
confirmed_heading = 您的预约已确认
confirmed_intro = 我们已记录您的预约。请携带处方、身份证件和医疗卡。
moved_subject = 预约已改至 { $day }
moved_heading = 您的预约已改期
moved_intro = 这是您现在的预约。原预约已失效。
cancelled_subject = { $day } 的预约已取消
cancelled_heading = 您的预约已取消
cancelled_intro = 预约已取消，该时间已开放给他人。如果您仍需要此服务，可以凭同一处方重新预约。
offered_subject = 有一个时间空出来给您：{ $day }
offered_heading = 有一个时间空出来给您
offered_intro = 您在候补名单上，现在在您处方的时限内空出了一个时间。我们为您保留着：请通过下方链接接受。
offered_until = 如果您在 { $until } 之前没有接受，该时间将提供给下一位，您仍留在候补名单上。
suspended_subject = 您 { $day } 的预约有变动
suspended_moved_heading = 您的预约已改期
suspended_moved_intro = 医疗机构暂停了您预约所在的日程。我们已为您改到最早的空闲时间：这是您新的预约。
suspended_waitlisted_heading = 您的预约已取消
suspended_waitlisted_intro = 医疗机构暂停了您预约所在的日程，且在时限内没有其他空闲时间。我们已取消该预约，并将您的处方加入候补名单：在 { $deadline } 之前一旦有空出的时间，我们会提供给您。
reminder_subject =
    { $days ->
        [1] 提醒：您的预约在明天，{ $day }
       *[other] 提醒：您的预约在 { $days } 天后，{ $day }
    }
reminder_heading = 预约提醒
reminder_intro = 提醒您以下预约。请确认您会前来，或者取消预约：该时间将留给正在等候的人。
reminder_answer = 您可以在 { $day } 之前通过下方链接确认或取消。
reminder_missed_visit = 如果您未前来且未及时取消，即使享有豁免，也可能需要支付自付费用（ticket）。
sms_confirmed = 预约 { $code } 已确认：{ $date } { $time }，{ $place }。回执：{ $link }
sms_moved = 预约 { $code } 已改至 { $date } { $time }，{ $place }。回执：{ $link }
sms_cancelled = { $date } { $time }（{ $place }）的预约 { $code } 已取消。{ $link }
sms_offered = 为您空出一个时间：{ $date } { $time }，{ $place }。请在 { $until } 前接受：{ $link }
sms_suspended_moved = 日程暂停：预约 { $code } 已改至 { $date } { $time }，{ $place }。{ $link }
sms_suspended_waitlisted = 日程暂停：{ $date } { $time } 的预约 { $code } 已取消，您已在候补名单上。{ $link }
sms_reminder = 提醒 { $code }：{ $date } { $time }，{ $place }。确认：{ $link } 取消：{ $link2 }
sms_reminder_late = 提醒 { $code }：{ $date } { $time }，{ $place }。回执：{ $link }

## keepwaiting
offered_move_intro = 您在候补名单上等待比您 { $current } 的预约更早的时间，现在在您处方的时限内空出了一个。如果您通过下方链接接受，预约将改到这里，当前时间将被释放。
offered_move_until = 如果您在 { $until } 之前没有接受，该时间将提供给下一位，您保留当前的预约。
label_current = 当前预约
accept_move_link = 将我的预约改到提供的时间
sms_offered_move = 更早的时间：{ $date } { $time }，{ $place }。请在 { $until } 前将您 { $current } 的预约改到这里：{ $link }
