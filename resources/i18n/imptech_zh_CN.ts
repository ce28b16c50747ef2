<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
  <context>
    <name>AddFriendPage</name>
    <message>
      <source>Add a friend</source>
      <translation>添加朋友</translation>
    </message>
    <message>
      <source>IMpTech ID or mobile number</source>
      <translation>IMpTech 号或手机号</translation>
    </message>
    <message>
      <source>Searching…</source>
      <translation>搜索中…</translation>
    </message>
    <message>
      <source>Search</source>
      <translation>搜索</translation>
    </message>
    <message>
      <source>People can find you by your IMpTech ID. A mobile number finds only those who allow it.</source>
      <translation>可通过 IMpTech 号找到对方；手机号只能找到允许被搜索的用户。</translation>
    </message>
    <message>
      <source>IMpTech ID: %1</source>
      <translation>IMpTech号：%1</translation>
    </message>
    <message>
      <source>This is you.</source>
      <translation>这是你自己。</translation>
    </message>
    <message>
      <source>Already your friend.</source>
      <translation>已是你的好友。</translation>
    </message>
    <message>
      <source>Greeting</source>
      <translation>验证消息</translation>
    </message>
    <message>
      <source>Sending…</source>
      <translation>发送中…</translation>
    </message>
    <message>
      <source>Send friend request</source>
      <translation>发送好友申请</translation>
    </message>
    <message>
      <source>Send message</source>
      <translation>发消息</translation>
    </message>
  </context>
  <context>
    <name>AgePage</name>
    <message>
      <source>Your date of birth</source>
      <translation>你的出生日期</translation>
    </message>
    <message>
      <source>Your age decides which protections for minors apply. It is stored encrypted on this device.</source>
      <translation>我们根据年龄为未成年人提供相应保护。出生日期仅加密保存在本机。</translation>
    </message>
    <message>
      <source>Year</source>
      <translation>年份</translation>
    </message>
    <message>
      <source>Month</source>
      <translation>月份</translation>
    </message>
    <message>
      <source>Day</source>
      <translation>日期</translation>
    </message>
    <message numerus="yes">
      <source>You are %n year(s) old</source>
      <translation>
        <numerusform>你今年 %n 周岁</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Confirm: I am %n</source>
      <translation>
        <numerusform>确认：我 %n 周岁</numerusform>
      </translation>
    </message>
    <message>
      <source>Confirm</source>
      <translation>确认</translation>
    </message>
  </context>
  <context>
    <name>AgreementPage</name>
    <message>
      <source>The agreement has been updated</source>
      <translation>协议已更新</translation>
    </message>
    <message>
      <source>Welcome to IMpTech</source>
      <translation>欢迎使用 IMpTech</translation>
    </message>
    <message>
      <source>Your earlier consent on this device could not be verified. Please read and agree again.</source>
      <translation>无法验证你在本机上的同意记录，请重新阅读并同意。</translation>
    </message>
    <message>
      <source>What has changed:</source>
      <translation>本次更新内容：</translation>
    </message>
    <message>
      <source>Before you start, please read the %1 carefully. It explains how IMpTech collects, uses and protects your personal information (chapter 6), and the rules for users under 18 (clause 6.6).</source>
      <translation>开始使用前，请仔细阅读%1。协议说明了 IMpTech 如何收集、使用和保护你的个人信息（第六章），以及未满18周岁用户的使用规则（第6.6条）。</translation>
    </message>
    <message>
      <source>Nothing is collected, stored or sent until you agree.</source>
      <translation>在你同意之前，我们不会收集、保存或发送任何信息。</translation>
    </message>
    <message>
      <source>Your messages and contacts are stored encrypted on this device.</source>
      <translation>你的消息和联系人在本机加密保存。</translation>
    </message>
    <message>
      <source>Under 18? Read this together with your parent or guardian.</source>
      <translation>未满18周岁？请在监护人陪同下阅读。</translation>
    </message>
    <message>
      <source>Read the full agreement</source>
      <translation>查看完整协议</translation>
    </message>
    <message>
      <source>Third-party notices</source>
      <translation>第三方软件声明</translation>
    </message>
    <message>
      <source>Agree</source>
      <translation>同意</translation>
    </message>
    <message>
      <source>Disagree</source>
      <translation>不同意</translation>
    </message>
    <message>
      <source>Setting up secure storage…</source>
      <translation>正在准备加密存储…</translation>
    </message>
  </context>
  <context>
    <name>AlphabetIndex</name>
    <message>
      <source>Alphabetical index</source>
      <translation>字母索引</translation>
    </message>
  </context>
  <context>
    <name>AttachmentContent</name>
    <message>
      <source>%1 KB</source>
      <translation>%1 KB</translation>
    </message>
    <message>
      <source>%1 MB</source>
      <translation>%1 MB</translation>
    </message>
    <message>
      <source>Sending…</source>
      <translation>发送中…</translation>
    </message>
    <message>
      <source>Not sent</source>
      <translation>未发送</translation>
    </message>
    <message>
      <source>Not downloaded</source>
      <translation>未下载</translation>
    </message>
    <message>
      <source>Loading…</source>
      <translation>加载中…</translation>
    </message>
    <message>
      <source>Could not be downloaded</source>
      <translation>无法下载</translation>
    </message>
    <message numerus="yes">
      <source>Voice message, %n second(s)</source>
      <translation>
        <numerusform>语音消息，%n 秒</numerusform>
      </translation>
    </message>
    <message>
      <source>Photo %1</source>
      <translation>图片 %1</translation>
    </message>
    <message>
      <source>File %1</source>
      <translation>文件 %1</translation>
    </message>
    <message>
      <source>%1″</source>
      <translation>%1″</translation>
    </message>
    <message>
      <source>Photo</source>
      <translation>图片</translation>
    </message>
    <message>
      <source>File</source>
      <translation>文件</translation>
    </message>
    <message>
      <source>This photo cannot be shown</source>
      <translation>无法显示此图片</translation>
    </message>
  </context>
  <context>
    <name>BrokenPage</name>
    <message>
      <source>IMpTech cannot continue</source>
      <translation>IMpTech 无法继续</translation>
    </message>
    <message>
      <source>Reset this device's data?</source>
      <translation>清除本机数据？</translation>
    </message>
    <message>
      <source>Everything IMpTech stored on this device will be deleted, and you will start again from the agreement.</source>
      <translation>IMpTech 在本机保存的所有数据都将被删除，你需要从阅读协议重新开始。</translation>
    </message>
    <message>
      <source>Try again</source>
      <translation>重试</translation>
    </message>
    <message>
      <source>Reset this device's data</source>
      <translation>清除本机数据</translation>
    </message>
    <message>
      <source>Quit</source>
      <translation>退出应用</translation>
    </message>
  </context>
  <context>
    <name>ChatPage</name>
    <message>
      <source>Typing…</source>
      <translation>对方正在输入…</translation>
    </message>
    <message>
      <source>Profile</source>
      <translation>详细资料</translation>
    </message>
    <message>
      <source>Messages could not be loaded.</source>
      <translation>消息加载失败。</translation>
    </message>
    <message>
      <source>No messages yet. Say hello!</source>
      <translation>还没有消息，打个招呼吧</translation>
    </message>
    <message>
      <source>Retry</source>
      <translation>重试</translation>
    </message>
    <message>
      <source>Jump to newest</source>
      <translation>回到最新消息</translation>
    </message>
    <message>
      <source>%1 (%2)</source>
      <translation>%1（%2）</translation>
    </message>
    <message>
      <source>Group info</source>
      <translation>群聊信息</translation>
    </message>
    <message>
      <source>No messages yet. Say hello to the group!</source>
      <translation>还没有消息，和大家打个招呼吧！</translation>
    </message>
  </context>
  <context>
    <name>ChildRulesPage</name>
    <message>
      <source>Please read these rules together with your guardian.</source>
      <translation>请在监护人陪同下阅读本规则。</translation>
    </message>
    <message>
      <source>They explain what IMpTech collects from children under 14, why, how it is protected, and how your guardian can see, correct or delete it, or withdraw consent.</source>
      <translation>规则说明了 IMpTech 会收集未满14周岁儿童的哪些信息、用途、保护方式，以及监护人如何查阅、更正、删除这些信息或撤回同意。</translation>
    </message>
    <message>
      <source>Read the full rules</source>
      <translation>查看完整规则</translation>
    </message>
    <message>
      <source>Agree</source>
      <translation>同意</translation>
    </message>
    <message>
      <source>Disagree</source>
      <translation>不同意</translation>
    </message>
  </context>
  <context>
    <name>CodePage</name>
    <message>
      <source>Enter your guardian's code</source>
      <translation>输入监护人收到的验证码</translation>
    </message>
    <message>
      <source>Enter the verification code</source>
      <translation>输入验证码</translation>
    </message>
    <message>
      <source>Sent to %1</source>
      <translation>已发送至 %1</translation>
    </message>
    <message>
      <source>Verification code</source>
      <translation>验证码</translation>
    </message>
    <message>
      <source>Resend in %1 s</source>
      <translation>%1 秒后可重新发送</translation>
    </message>
    <message>
      <source>Resend code</source>
      <translation>重新发送验证码</translation>
    </message>
    <message>
      <source>Change number</source>
      <translation>更换手机号</translation>
    </message>
  </context>
  <context>
    <name>Composer</name>
    <message>
      <source>Message</source>
      <translation>消息</translation>
    </message>
    <message>
      <source>Send</source>
      <translation>发送</translation>
    </message>
    <message>
      <source>Keyboard</source>
      <translation>键盘</translation>
    </message>
    <message>
      <source>Voice message</source>
      <translation>语音消息</translation>
    </message>
    <message>
      <source>Send a photo or file</source>
      <translation>发送图片或文件</translation>
    </message>
  </context>
  <context>
    <name>ContactsPage</name>
    <message>
      <source>Search friends</source>
      <translation>搜索好友</translation>
    </message>
    <message numerus="yes">
      <source>New friends, %n waiting</source>
      <translation>
        <numerusform>新的朋友，%n 条待处理</numerusform>
      </translation>
    </message>
    <message>
      <source>New friends</source>
      <translation>新的朋友</translation>
    </message>
    <message>
      <source>No friend matches “%1”</source>
      <translation>没有找到“%1”</translation>
    </message>
    <message>
      <source>No friends yet</source>
      <translation>还没有好友</translation>
    </message>
    <message>
      <source>Add a friend</source>
      <translation>添加朋友</translation>
    </message>
  </context>
  <context>
    <name>ConversationList</name>
    <message numerus="yes">
      <source>%1, %n unread</source>
      <translation>
        <numerusform>%1，%n 条未读</numerusform>
      </translation>
    </message>
    <message>
      <source>Unpin</source>
      <translation>取消置顶</translation>
    </message>
    <message>
      <source>Pin to top</source>
      <translation>置顶聊天</translation>
    </message>
    <message>
      <source>Mark as read</source>
      <translation>标为已读</translation>
    </message>
    <message>
      <source>No messages yet</source>
      <translation>暂无消息</translation>
    </message>
    <message>
      <source>Add a friend</source>
      <translation>添加朋友</translation>
    </message>
  </context>
  <context>
    <name>DeclinedPage</name>
    <message>
      <source>You have not agreed</source>
      <translation>你尚未同意协议</translation>
    </message>
    <message>
      <source>IMpTech can only be used under the current agreement. Because you did not agree to the updated terms, IMpTech cannot be used (clause 12.1). Your data stays encrypted on this device.</source>
      <translation>IMpTech 只能在当前协议下使用。由于你未同意更新后的协议，将无法继续使用 IMpTech（第12.1条）。你的数据仍加密保存在本机。</translation>
    </message>
    <message>
      <source>IMpTech can only be used after you agree to the agreement. You can read it again, or quit. If you quit now, nothing is kept on this device.</source>
      <translation>同意协议后才能使用 IMpTech。你可以再次查看协议，或退出应用。现在退出，本机不会保留任何数据。</translation>
    </message>
    <message>
      <source>Read again</source>
      <translation>再次查看</translation>
    </message>
    <message>
      <source>Quit</source>
      <translation>退出应用</translation>
    </message>
  </context>
  <context>
    <name>DocumentViewer</name>
    <message>
      <source>Find in text</source>
      <translation>在文中查找</translation>
    </message>
    <message>
      <source>No matches</source>
      <translation>无结果</translation>
    </message>
    <message>
      <source>Previous match</source>
      <translation>上一个</translation>
    </message>
    <message>
      <source>Next match</source>
      <translation>下一个</translation>
    </message>
  </context>
  <context>
    <name>GroupInfoPage</name>
    <message>
      <source>%1 (%2)</source>
      <translation>%1（%2）</translation>
    </message>
    <message>
      <source>Invite friends</source>
      <translation>邀请朋友</translation>
    </message>
    <message>
      <source>Loading members…</source>
      <translation>正在加载群成员…</translation>
    </message>
    <message>
      <source>Members</source>
      <translation>群成员</translation>
    </message>
    <message>
      <source>%1, %2</source>
      <translation>%1，%2</translation>
    </message>
    <message>
      <source>%1 (you)</source>
      <translation>%1（我）</translation>
    </message>
    <message>
      <source>Leave the group</source>
      <translation>退出群聊</translation>
    </message>
    <message>
      <source>Leave “%1”?</source>
      <translation>退出“%1”？</translation>
    </message>
    <message>
      <source>You will stop getting its messages on all your devices, and a member has to invite you to come back. The messages you have stay on this device.</source>
      <translation>你的所有设备都将不再收到该群的消息，需要群成员再次邀请才能回来。已有的聊天记录仍保留在本机。</translation>
    </message>
    <message>
      <source>Leave</source>
      <translation>退出</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <source>Group name: %1</source>
      <translation>群聊名称：%1</translation>
    </message>
    <message>
      <source>Group name</source>
      <translation>群聊名称</translation>
    </message>
    <message>
      <source>View profile</source>
      <translation>查看资料</translation>
    </message>
    <message>
      <source>Make owner</source>
      <translation>设为群主</translation>
    </message>
    <message>
      <source>Remove from the group</source>
      <translation>移出群聊</translation>
    </message>
    <message>
      <source>Save</source>
      <translation>保存</translation>
    </message>
  </context>
  <context>
    <name>GroupPickerPage</name>
    <message>
      <source>Invite friends</source>
      <translation>邀请朋友</translation>
    </message>
    <message>
      <source>New group</source>
      <translation>发起群聊</translation>
    </message>
    <message>
      <source>Done (%1)</source>
      <translation>完成（%1）</translation>
    </message>
    <message>
      <source>Done</source>
      <translation>完成</translation>
    </message>
    <message>
      <source>Group name (optional)</source>
      <translation>群聊名称（可不填）</translation>
    </message>
    <message>
      <source>Choose at least two friends. Only friends can be added.</source>
      <translation>至少选择两位朋友。只能添加朋友。</translation>
    </message>
    <message>
      <source>Search friends</source>
      <translation>搜索好友</translation>
    </message>
    <message>
      <source>%1, already in the group</source>
      <translation>%1，已在群中</translation>
    </message>
    <message>
      <source>No friend matches “%1”</source>
      <translation>没有找到“%1”</translation>
    </message>
    <message>
      <source>Add friends first: groups are made of friends.</source>
      <translation>请先添加朋友：群聊由朋友组成。</translation>
    </message>
  </context>
  <context>
    <name>GuardianPage</name>
    <message>
      <source>Your guardian must agree</source>
      <translation>需要监护人同意</translation>
    </message>
    <message numerus="yes">
      <source>You are %n year(s) old.</source>
      <translation>
        <numerusform>你今年 %n 周岁。</numerusform>
      </translation>
    </message>
    <message>
      <source>Users under 18 need the consent of a parent or legal guardian before using IMpTech (clause 6.6).</source>
      <translation>未满18周岁的用户，使用 IMpTech 前须取得父母或其他法定监护人的同意（第6.6条）。</translation>
    </message>
    <message>
      <source>When you sign up, we will send a verification code to your guardian's phone. Entering it records their consent. Minors' mode will be on: nobody can find you by phone number, strangers cannot send you friend requests, and you get no promotions.</source>
      <translation>注册时，我们会向监护人的手机发送验证码，输入后即记录监护人的同意。你的帐号将开启未成年人模式：他人无法通过手机号找到你，陌生人不能向你发送好友申请，也不会向你推送推广信息。</translation>
    </message>
    <message>
      <source>Because you are under 14, you and your guardian will also read and accept the children's personal information rules.</source>
      <translation>由于你未满14周岁，你和监护人还需阅读并同意儿童个人信息保护规则。</translation>
    </message>
    <message>
      <source>Read the agreement with your guardian</source>
      <translation>与监护人一起阅读协议</translation>
    </message>
    <message>
      <source>My guardian has read the agreement with me, including the rules for minors, and agrees that I use IMpTech.</source>
      <translation>我的监护人已陪同我阅读本协议（包括未成年人条款），并同意我使用 IMpTech。</translation>
    </message>
    <message>
      <source>Continue</source>
      <translation>继续</translation>
    </message>
    <message>
      <source>Change date of birth</source>
      <translation>修改出生日期</translation>
    </message>
  </context>
  <context>
    <name>HoldToTalkBar</name>
    <message>
      <source>Hold to talk</source>
      <translation>按住 说话</translation>
    </message>
    <message>
      <source>Release to cancel</source>
      <translation>松开手指，取消发送</translation>
    </message>
    <message>
      <source>Release to send</source>
      <translation>松开 发送</translation>
    </message>
    <message>
      <source>Click to send</source>
      <translation>点击 发送</translation>
    </message>
  </context>
  <context>
    <name>HomeShell</name>
    <message>
      <source>Chats</source>
      <translation>消息</translation>
    </message>
    <message>
      <source>Contacts</source>
      <translation>通讯录</translation>
    </message>
    <message>
      <source>Me</source>
      <translation>我</translation>
    </message>
    <message>
      <source>Add a friend</source>
      <translation>添加朋友</translation>
    </message>
    <message>
      <source>Select a chat to start messaging</source>
      <translation>选择一个聊天开始发消息</translation>
    </message>
    <message>
      <source>Your account was signed in on another device</source>
      <translation>你的帐号已在另一台设备上登录</translation>
    </message>
    <message>
      <source>Your chats stay encrypted on this device. Sign in again with your mobile number to use it here.</source>
      <translation>你的聊天记录仍加密保存在本机。如需在本机继续使用，请用手机号重新登录。</translation>
    </message>
    <message>
      <source>Sign in again</source>
      <translation>重新登录</translation>
    </message>
    <message>
      <source>Online</source>
      <translation>在线</translation>
    </message>
    <message>
      <source>Connecting…</source>
      <translation>正在连接…</translation>
    </message>
    <message>
      <source>Offline</source>
      <translation>离线</translation>
    </message>
    <message>
      <source>%1, %2 new</source>
      <translation>%1，%2 条新消息</translation>
    </message>
    <message>
      <source>New group or friend</source>
      <translation>发起群聊或添加朋友</translation>
    </message>
    <message>
      <source>New group</source>
      <translation>发起群聊</translation>
    </message>
  </context>
  <context>
    <name>ImptechIdPage</name>
    <message>
      <source>Your IMpTech ID</source>
      <translation>你的 IMpTech 号</translation>
    </message>
    <message>
      <source>Friends can find you by this ID.</source>
      <translation>朋友可以通过这个号找到你。</translation>
    </message>
    <message>
      <source>IMpTech ID %1</source>
      <translation>IMpTech号 %1</translation>
    </message>
    <message>
      <source>You can change it once. 6–20 characters: letters, digits, _ or -, starting with a letter.</source>
      <translation>只能修改一次。6–20个字符，可用字母、数字、_ 或 -，须以字母开头。</translation>
    </message>
    <message>
      <source>Your IMpTech ID can no longer be changed.</source>
      <translation>你的 IMpTech 号已不能再修改。</translation>
    </message>
    <message>
      <source>New IMpTech ID</source>
      <translation>新的 IMpTech 号</translation>
    </message>
    <message>
      <source>Change ID (only once)</source>
      <translation>修改（仅一次）</translation>
    </message>
    <message>
      <source>Start using IMpTech</source>
      <translation>开始使用 IMpTech</translation>
    </message>
    <message>
      <source>Keep this ID</source>
      <translation>保留当前号码</translation>
    </message>
    <message>
      <source>Change ID</source>
      <translation>修改 IMpTech 号</translation>
    </message>
  </context>
  <context>
    <name>InvitationBanner</name>
    <message>
      <source>%1, who is not your friend, invited you to a group.</source>
      <translation>%1（不是你的朋友）邀请你加入群聊。</translation>
    </message>
    <message>
      <source>Ignore</source>
      <translation>忽略</translation>
    </message>
    <message>
      <source>Join</source>
      <translation>加入</translation>
    </message>
  </context>
  <context>
    <name>KeyFileBanner</name>
    <message>
      <source>The system keychain is not available. Your data key is kept in a protected file on this device instead, which is less safe if someone copies your files.</source>
      <translation>系统钥匙串不可用，数据密钥改为保存在本机受保护的文件中。如果有人复制你的文件，安全性会降低。</translation>
    </message>
  </context>
  <context>
    <name>LoadingPage</name>
    <message>
      <source>Loading</source>
      <translation>加载中</translation>
    </message>
  </context>
  <context>
    <name>MePage</name>
    <message>
      <source>IMpTech ID: %1</source>
      <translation>IMpTech号：%1</translation>
    </message>
    <message>
      <source>Agreement</source>
      <translation>用户协议</translation>
    </message>
    <message>
      <source>Third-party notices</source>
      <translation>第三方软件声明</translation>
    </message>
    <message>
      <source>Hide message text in notifications</source>
      <translation>通知中隐藏消息内容</translation>
    </message>
    <message>
      <source>Always on in minors' mode</source>
      <translation>未成年人模式下始终开启</translation>
    </message>
    <message>
      <source>Notifications say only "You have a new message"</source>
      <translation>通知只显示“你收到了一条新消息”</translation>
    </message>
  </context>
  <context>
    <name>MentionPicker</name>
    <message>
      <source>Mention %1</source>
      <translation>提及 %1</translation>
    </message>
  </context>
  <context>
    <name>MessageBubble</name>
    <message>
      <source>You recalled a message</source>
      <translation>你撤回了一条消息</translation>
    </message>
    <message>
      <source>The other person recalled a message</source>
      <translation>对方撤回了一条消息</translation>
    </message>
    <message>
      <source>You: %1</source>
      <translation>我：%1</translation>
    </message>
    <message>
      <source>Them: %1</source>
      <translation>对方：%1</translation>
    </message>
    <message>
      <source>%1: %2</source>
      <translation>%1：%2</translation>
    </message>
  </context>
  <context>
    <name>MessageMenu</name>
    <message>
      <source>Copy</source>
      <translation>复制</translation>
    </message>
    <message>
      <source>Recall</source>
      <translation>撤回</translation>
    </message>
    <message>
      <source>Delete on this device</source>
      <translation>删除</translation>
    </message>
    <message>
      <source>Report</source>
      <translation>投诉</translation>
    </message>
  </context>
  <context>
    <name>NoticesPage</name>
    <message>
      <source>Third-party notices</source>
      <translation>第三方软件声明</translation>
    </message>
    <message>
      <source>The notices could not be found in this copy of IMpTech.</source>
      <translation>未找到本软件附带的第三方软件声明。</translation>
    </message>
  </context>
  <context>
    <name>PhonePage</name>
    <message>
      <source>Your guardian's mobile number</source>
      <translation>监护人的手机号</translation>
    </message>
    <message>
      <source>Sign up with your mobile number</source>
      <translation>使用手机号注册</translation>
    </message>
    <message>
      <source>We will send your guardian a code. Entering it records their consent.</source>
      <translation>我们将向监护人发送验证码，输入后即记录监护人的同意。</translation>
    </message>
    <message>
      <source>We will send you a verification code by SMS.</source>
      <translation>我们将通过短信向你发送验证码。</translation>
    </message>
    <message>
      <source>Country or region</source>
      <translation>国家或地区</translation>
    </message>
    <message>
      <source>Mobile number</source>
      <translation>手机号</translation>
    </message>
    <message>
      <source>Search country, region or code</source>
      <translation>搜索国家、地区或区号</translation>
    </message>
    <message>
      <source>No matching region</source>
      <translation>没有匹配的地区</translation>
    </message>
    <message>
      <source>Sending…</source>
      <translation>发送中…</translation>
    </message>
    <message>
      <source>Next</source>
      <translation>下一步</translation>
    </message>
  </context>
  <context>
    <name>PhotoViewer</name>
    <message>
      <source>Photo</source>
      <translation>图片</translation>
    </message>
    <message>
      <source>Save</source>
      <translation>保存</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>关闭</translation>
    </message>
  </context>
  <context>
    <name>ProfileCard</name>
    <message>
      <source>Profile</source>
      <translation>详细资料</translation>
    </message>
    <message>
      <source>IMpTech ID: %1</source>
      <translation>IMpTech号：%1</translation>
    </message>
    <message>
      <source>Blocked</source>
      <translation>已拉黑</translation>
    </message>
    <message>
      <source>Send message</source>
      <translation>发消息</translation>
    </message>
    <message>
      <source>Unblock</source>
      <translation>取消拉黑</translation>
    </message>
    <message>
      <source>Block</source>
      <translation>加入黑名单</translation>
    </message>
    <message>
      <source>Report</source>
      <translation>投诉</translation>
    </message>
    <message>
      <source>Remove friend</source>
      <translation>删除好友</translation>
    </message>
    <message>
      <source>Remove %1?</source>
      <translation>删除好友“%1”？</translation>
    </message>
    <message>
      <source>You will also disappear from their list. Your chat history stays on this device.</source>
      <translation>你也会从对方的好友列表中消失。聊天记录仍保留在本机。</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <source>Remove</source>
      <translation>删除</translation>
    </message>
    <message>
      <source>Block %1?</source>
      <translation>将“%1”加入黑名单？</translation>
    </message>
    <message>
      <source>You will not get their messages or friend requests. You can unblock them later.</source>
      <translation>你将不再收到对方的消息和好友申请，之后可以取消拉黑。</translation>
    </message>
  </context>
  <context>
    <name>ProfilePage</name>
    <message>
      <source>Set up your profile</source>
      <translation>设置个人资料</translation>
    </message>
    <message>
      <source>Friends see your nickname and avatar.</source>
      <translation>朋友会看到你的昵称和头像。</translation>
    </message>
    <message>
      <source>Avatar (optional)</source>
      <translation>头像（可选）</translation>
    </message>
    <message>
      <source>An avatar is optional; you can add one later in Me.</source>
      <translation>头像可选，之后可在“我”中添加。</translation>
    </message>
    <message>
      <source>Nickname</source>
      <translation>昵称</translation>
    </message>
    <message>
      <source>Save</source>
      <translation>保存</translation>
    </message>
  </context>
  <context>
    <name>ProgressRing</name>
    <message>
      <source>%1 percent</source>
      <translation>百分之 %1</translation>
    </message>
  </context>
  <context>
    <name>ReadyPage</name>
    <message>
      <source>You're all set</source>
      <translation>准备就绪</translation>
    </message>
    <message>
      <source>Next, sign up with your mobile number.</source>
      <translation>下一步，使用手机号注册。</translation>
    </message>
    <message>
      <source>Minors' mode will be switched on for your account once your guardian confirms with their phone.</source>
      <translation>监护人通过手机确认后，你的帐号将开启未成年人模式。</translation>
    </message>
    <message>
      <source>Agreement</source>
      <translation>用户协议</translation>
    </message>
    <message>
      <source>Third-party notices</source>
      <translation>第三方软件声明</translation>
    </message>
    <message>
      <source>Continue to sign up</source>
      <translation>继续注册</translation>
    </message>
  </context>
  <context>
    <name>ReportDialog</name>
    <message>
      <source>Report %1</source>
      <translation>投诉“%1”</translation>
    </message>
    <message>
      <source>Why are you reporting this person? They will also be blocked.</source>
      <translation>请选择投诉原因。投诉后对方会被加入黑名单。</translation>
    </message>
    <message>
      <source>Spam or advertising</source>
      <translation>垃圾信息或广告</translation>
    </message>
    <message>
      <source>Harassment or abuse</source>
      <translation>骚扰或辱骂</translation>
    </message>
    <message>
      <source>Details (optional)</source>
      <translation>补充说明（选填）</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <source>Report</source>
      <translation>投诉</translation>
    </message>
  </context>
  <context>
    <name>RequestsPage</name>
    <message>
      <source>New friends</source>
      <translation>新的朋友</translation>
    </message>
    <message>
      <source>Request sent</source>
      <translation>已发送申请</translation>
    </message>
    <message>
      <source>Decline</source>
      <translation>拒绝</translation>
    </message>
    <message>
      <source>Decline %1</source>
      <translation>拒绝 %1</translation>
    </message>
    <message>
      <source>Accept</source>
      <translation>接受</translation>
    </message>
    <message>
      <source>Accept %1</source>
      <translation>接受 %1</translation>
    </message>
    <message>
      <source>Added</source>
      <translation>已添加</translation>
    </message>
    <message>
      <source>Declined</source>
      <translation>已拒绝</translation>
    </message>
    <message>
      <source>Waiting</source>
      <translation>等待验证</translation>
    </message>
    <message>
      <source>No friend requests</source>
      <translation>暂无好友申请</translation>
    </message>
    <message>
      <source>Add a friend</source>
      <translation>添加朋友</translation>
    </message>
  </context>
  <context>
    <name>Ticks</name>
    <message>
      <source>Sending</source>
      <translation>发送中</translation>
    </message>
    <message>
      <source>Sent</source>
      <translation>已发送</translation>
    </message>
    <message>
      <source>Delivered</source>
      <translation>已送达</translation>
    </message>
    <message>
      <source>Read</source>
      <translation>已读</translation>
    </message>
  </context>
  <context>
    <name>TimeText</name>
    <message>
      <source>Today</source>
      <translation>今天</translation>
    </message>
    <message>
      <source>Yesterday</source>
      <translation>昨天</translation>
    </message>
  </context>
  <context>
    <name>TitleBar</name>
    <message>
      <source>Back</source>
      <translation>返回</translation>
    </message>
  </context>
  <context>
    <name>imp::app::AttachmentController</name>
    <message>
      <source>Pasted image</source>
      <translation>粘贴的图片</translation>
    </message>
    <message>
      <source>Saved</source>
      <translation>已保存</translation>
    </message>
    <message>
      <source>Photo</source>
      <translation>图片</translation>
    </message>
    <message>
      <source>File</source>
      <translation>文件</translation>
    </message>
    <message>
      <source>This file is too large to send (100 MB at most).</source>
      <translation>文件过大，无法发送（最大 100 MB）。</translation>
    </message>
    <message>
      <source>This file is empty.</source>
      <translation>文件为空。</translation>
    </message>
    <message>
      <source>This file cannot be read.</source>
      <translation>无法读取此文件。</translation>
    </message>
    <message>
      <source>This photo is damaged and was not sent.</source>
      <translation>图片已损坏，未发送。</translation>
    </message>
    <message>
      <source>Your device is full. Free some space and try again.</source>
      <translation>设备存储空间已满，请清理后重试。</translation>
    </message>
    <message>
      <source>The file could not be saved there.</source>
      <translation>无法保存到该位置。</translation>
    </message>
    <message>
      <source>The file could not be sent.</source>
      <translation>文件发送失败。</translation>
    </message>
  </context>
  <context>
    <name>imp::app::ChatsController</name>
    <message>
      <source>Syncing… %1</source>
      <translation>同步中… %1</translation>
    </message>
    <message>
      <source>Syncing… %1 / %2</source>
      <translation>同步中… %1 / %2</translation>
    </message>
    <message>
      <source>This device is out of space. New messages wait on the server until you free some space.</source>
      <translation>本机存储空间已满。新消息会暂存在服务器上，清理空间后再接收。</translation>
    </message>
    <message>
      <source>Messages could not be saved on this device. They wait on the server; nothing is lost.</source>
      <translation>消息无法保存到本机，已暂存在服务器上，不会丢失。</translation>
    </message>
    <message>
      <source>This message is too long to send.</source>
      <translation>消息太长，无法发送。</translation>
    </message>
    <message>
      <source>Messages can only be recalled within 2 minutes.</source>
      <translation>只能撤回 2 分钟内的消息。</translation>
    </message>
    <message>
      <source>Could not recall the message.</source>
      <translation>撤回失败。</translation>
    </message>
    <message>
      <source>Copied</source>
      <translation>已复制</translation>
    </message>
    <message>
      <source>This file is too large to send (100 MB at most).</source>
      <translation>文件过大，无法发送（最大 100 MB）。</translation>
    </message>
    <message>
      <source>You have sent too much today. Try again tomorrow.</source>
      <translation>今日发送的文件已达上限，请明天再试。</translation>
    </message>
    <message>
      <source>Files cannot be sent right now. Tap the message to try again.</source>
      <translation>暂时无法发送文件，轻触消息重试。</translation>
    </message>
    <message>
      <source>The file could not be sent. Tap the message to try again.</source>
      <translation>文件发送失败，轻触消息重试。</translation>
    </message>
  </context>
  <context>
    <name>imp::app::ConversationListModel</name>
    <message>
      <source>You recalled a message</source>
      <translation>你撤回了一条消息</translation>
    </message>
    <message>
      <source>%1 recalled a message</source>
      <translation>“%1”撤回了一条消息</translation>
    </message>
    <message>
      <source>[Voice]</source>
      <translation>[语音]</translation>
    </message>
    <message>
      <source>[Photo]</source>
      <translation>[图片]</translation>
    </message>
    <message>
      <source>[File]</source>
      <translation>[文件]</translation>
    </message>
    <message>
      <source>%1: %2</source>
      <translation>%1：%2</translation>
    </message>
  </context>
  <context>
    <name>imp::app::DesktopController</name>
    <message>
      <source>IMpTech (%1)</source>
      <translation>IMpTech（%1）</translation>
    </message>
    <message>
      <source>IMpTech</source>
      <translation>IMpTech</translation>
    </message>
    <message numerus="yes">
      <source>You have %n new messages</source>
      <translation>
        <numerusform>你收到了 %n 条新消息</numerusform>
      </translation>
    </message>
    <message>
      <source>You have a new message</source>
      <translation>你收到了一条新消息</translation>
    </message>
    <message numerus="yes">
      <source>[%n messages] %1</source>
      <translation>
        <numerusform>[%n 条] %1</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>imp::app::FreedesktopNotifier</name>
    <message>
      <source>Open</source>
      <translation>打开</translation>
    </message>
  </context>
  <context>
    <name>imp::app::FriendsController</name>
    <message>
      <source>No user with this ID or number. Check it and try again.</source>
      <translation>该用户不存在，请检查后重试。</translation>
    </message>
    <message>
      <source>Too many searches. Try again later.</source>
      <translation>搜索太频繁，请稍后再试。</translation>
    </message>
    <message>
      <source>Enter an IMpTech ID or a mobile number.</source>
      <translation>请输入 IMpTech 号或手机号。</translation>
    </message>
    <message>
      <source>Could not search. Check the connection and try again.</source>
      <translation>搜索失败，请检查网络后重试。</translation>
    </message>
    <message>
      <source>This is not a valid mobile number.</source>
      <translation>手机号格式不正确。</translation>
    </message>
    <message>
      <source>Hi, let's be friends</source>
      <translation>你好，加个好友吧</translation>
    </message>
    <message>
      <source>Hi, I'm %1</source>
      <translation>我是%1</translation>
    </message>
    <message>
      <source>Could not send the request. Try again.</source>
      <translation>申请发送失败，请重试。</translation>
    </message>
    <message>
      <source>Request sent</source>
      <translation>已发送申请</translation>
    </message>
    <message>
      <source>Could not accept. Try again.</source>
      <translation>操作失败，请重试。</translation>
    </message>
    <message>
      <source>Could not decline. Try again.</source>
      <translation>操作失败，请重试。</translation>
    </message>
    <message>
      <source>Could not remove this friend. Try again.</source>
      <translation>删除失败，请重试。</translation>
    </message>
    <message>
      <source>Blocked. You will not get their messages.</source>
      <translation>已加入黑名单，你将不再收到对方的消息。</translation>
    </message>
    <message>
      <source>Could not block. Try again.</source>
      <translation>操作失败，请重试。</translation>
    </message>
    <message>
      <source>Could not unblock. Try again.</source>
      <translation>操作失败，请重试。</translation>
    </message>
    <message>
      <source>Reported. Thank you.</source>
      <translation>投诉已提交，感谢反馈。</translation>
    </message>
    <message>
      <source>Could not send the report. Try again.</source>
      <translation>投诉提交失败，请重试。</translation>
    </message>
  </context>
  <context>
    <name>imp::app::GroupMemberListModel</name>
    <message>
      <source>Owner</source>
      <translation>群主</translation>
    </message>
    <message>
      <source>Admin</source>
      <translation>管理员</translation>
    </message>
  </context>
  <context>
    <name>imp::app::GroupsController</name>
    <message>
      <source>You are no longer in this group.</source>
      <translation>你已不在此群聊中。</translation>
    </message>
    <message>
      <source>%1 Reason: %2</source>
      <translation>%1 原因：%2</translation>
    </message>
    <message>
      <source>This group was deleted by its owner.</source>
      <translation>该群已被群主解散。</translation>
    </message>
    <message>
      <source>You were banned from this group.</source>
      <translation>你已被禁止加入此群。</translation>
    </message>
    <message>
      <source>The group service is shutting down. You will rejoin when it is back.</source>
      <translation>群聊服务正在关闭，恢复后会自动重新加入。</translation>
    </message>
    <message>
      <source>You were removed from this group.</source>
      <translation>你已被移出群聊。</translation>
    </message>
    <message>
      <source>You are not a member of this group.</source>
      <translation>你不是该群成员。</translation>
    </message>
    <message>
      <source>This group no longer exists.</source>
      <translation>该群聊已不存在。</translation>
    </message>
    <message>
      <source>This group is full.</source>
      <translation>该群人数已满。</translation>
    </message>
    <message>
      <source>This group cannot be opened right now.</source>
      <translation>暂时无法打开该群聊。</translation>
    </message>
    <message>
      <source>They cannot be added to this group. A minor can only be added by a friend.</source>
      <translation>无法将对方加入此群。未成年人只能由朋友邀请。</translation>
    </message>
    <message>
      <source>This group is full (500 members at most).</source>
      <translation>该群人数已满（最多 500 人）。</translation>
    </message>
    <message>
      <source>You own this group. Make another member the owner before you leave.</source>
      <translation>你是群主。请先将群主转让给其他成员，再退出。</translation>
    </message>
    <message>
      <source>You are offline. Try again when you are connected.</source>
      <translation>当前离线，请联网后重试。</translation>
    </message>
    <message>
      <source>Something went wrong. Try again.</source>
      <translation>出了点问题，请重试。</translation>
    </message>
    <message>
      <source>Choose at least two friends.</source>
      <translation>请至少选择两位朋友。</translation>
    </message>
    <message>
      <source>Invited</source>
      <translation>已邀请</translation>
    </message>
    <message>
      <source>Not added: %1. %2</source>
      <translation>未能添加：%1。%2</translation>
    </message>
    <message>
      <source>, </source>
      <translation>、</translation>
    </message>
    <message>
      <source>Only the group's owner can do this.</source>
      <translation>只有群主可以这样做。</translation>
    </message>
    <message>
      <source>Removed from the group</source>
      <translation>已移出群聊</translation>
    </message>
    <message>
      <source>%1 now owns the group</source>
      <translation>%1 已成为群主</translation>
    </message>
    <message>
      <source>Group renamed</source>
      <translation>已修改群聊名称</translation>
    </message>
  </context>
  <context>
    <name>imp::app::OnboardingController</name>
    <message>
      <source>The agreement shipped with this copy of IMpTech is damaged, so it cannot be accepted. Please reinstall IMpTech.</source>
      <translation>本软件附带的协议文件已损坏，无法供你同意。请重新安装 IMpTech。</translation>
    </message>
    <message>
      <source>The system keychain did not answer, so your data cannot be unlocked. Unlock your keychain and try again.</source>
      <translation>系统钥匙串没有响应，无法解锁你的数据。请解锁钥匙串后重试。</translation>
    </message>
    <message>
      <source>The system keychain is unavailable, so your data cannot be unlocked.</source>
      <translation>系统钥匙串不可用，无法解锁你的数据。</translation>
    </message>
    <message>
      <source>The data on this device is damaged and cannot be read.</source>
      <translation>本机数据已损坏，无法读取。</translation>
    </message>
    <message>
      <source>The disk is full. Free some space and try again.</source>
      <translation>磁盘空间已满。请清理空间后重试。</translation>
    </message>
    <message>
      <source>This data was written by a newer IMpTech. Please update the app.</source>
      <translation>这些数据由更新版本的 IMpTech 写入，请更新应用。</translation>
    </message>
    <message>
      <source>Something went wrong while saving on this device. Please try again.</source>
      <translation>在本机保存时出错，请重试。</translation>
    </message>
    <message>
      <source>A birth date cannot be in the future.</source>
      <translation>出生日期不能晚于今天。</translation>
    </message>
    <message>
      <source>Please check the year: that is more than 120 years ago.</source>
      <translation>请检查年份：该日期距今已超过120年。</translation>
    </message>
    <message>
      <source>That day does not exist. Please check the date.</source>
      <translation>该日期不存在，请检查。</translation>
    </message>
    <message>
      <source>Under 18: your guardian must agree before you can use IMpTech.</source>
      <translation>未满18周岁：须取得监护人同意后才能使用 IMpTech。</translation>
    </message>
    <message>
      <source>Under 14: your guardian must agree, and also accept the children's personal information rules.</source>
      <translation>未满14周岁：须取得监护人同意，并同意儿童个人信息保护规则。</translation>
    </message>
    <message>
      <source>This profile is open in another IMpTech program (%1). Close it, then try again.</source>
      <translation>此账号的数据正在被另一个 IMpTech 程序使用（%1）。请先关闭它，然后重试。</translation>
    </message>
  </context>
  <context>
    <name>imp::app::SignupController</name>
    <message>
      <source>Offline</source>
      <translation>离线</translation>
    </message>
    <message>
      <source>Connecting…</source>
      <translation>正在连接…</translation>
    </message>
    <message>
      <source>Online</source>
      <translation>在线</translation>
    </message>
    <message>
      <source>Your account was signed in on another device.</source>
      <translation>你的帐号已在另一台设备上登录。</translation>
    </message>
    <message>
      <source>The server's certificate is not valid, so IMpTech will not connect.</source>
      <translation>服务器证书无效，IMpTech 不会连接。</translation>
    </message>
    <message>
      <source>Sign-in failed. Sign in again with your mobile number.</source>
      <translation>登录失败，请用手机号重新登录。</translation>
    </message>
    <message>
      <source>Network unavailable. Retrying…</source>
      <translation>网络不可用，正在重试…</translation>
    </message>
    <message>
      <source>Enter your mobile number.</source>
      <translation>请输入手机号。</translation>
    </message>
    <message>
      <source>That number is too short.</source>
      <translation>号码位数太少。</translation>
    </message>
    <message>
      <source>That number is too long.</source>
      <translation>号码位数太多。</translation>
    </message>
    <message>
      <source>Choose the country or region of this number.</source>
      <translation>请选择该号码所属的国家或地区。</translation>
    </message>
    <message>
      <source>A phone number has digits only.</source>
      <translation>手机号只能包含数字。</translation>
    </message>
    <message>
      <source>This is not a mobile number. SMS codes need a mobile number.</source>
      <translation>这不是手机号码，接收短信验证码需要手机号。</translation>
    </message>
    <message>
      <source>This number is not valid for the chosen region.</source>
      <translation>该号码在所选地区无效。</translation>
    </message>
    <message>
      <source>The server did not accept this number. Check it and try again.</source>
      <translation>服务器不接受该号码，请检查后重试。</translation>
    </message>
    <message>
      <source>Too many attempts. Try again in %1 s.</source>
      <translation>操作过于频繁，请 %1 秒后重试。</translation>
    </message>
    <message numerus="yes">
      <source>Wrong code. %n attempt(s) left.</source>
      <translation>
        <numerusform>验证码错误，还可尝试 %n 次。</numerusform>
      </translation>
    </message>
    <message>
      <source>Wrong code. Request a new one.</source>
      <translation>验证码错误，请重新获取。</translation>
    </message>
    <message>
      <source>This code has expired or was used up. Request a new one.</source>
      <translation>验证码已过期或已失效，请重新获取。</translation>
    </message>
    <message>
      <source>This version of IMpTech is too old. Please update it.</source>
      <translation>当前版本过旧，请更新 IMpTech。</translation>
    </message>
    <message>
      <source>Your guardian's consent is required.</source>
      <translation>需要监护人同意。</translation>
    </message>
    <message>
      <source>The server is not answering. Try again.</source>
      <translation>服务器无响应，请重试。</translation>
    </message>
    <message>
      <source>No network connection. Check it and try again.</source>
      <translation>网络未连接，请检查后重试。</translation>
    </message>
    <message>
      <source>The server had a problem. Try again in a moment.</source>
      <translation>服务器出现问题，请稍后重试。</translation>
    </message>
    <message>
      <source>Your guardian needs their own mobile number.</source>
      <translation>监护人需要使用自己的手机号。</translation>
    </message>
    <message>
      <source>Could not save your profile. Check the connection and try again.</source>
      <translation>无法保存资料，请检查网络后重试。</translation>
    </message>
    <message>
      <source>At least 6 characters.</source>
      <translation>至少6个字符。</translation>
    </message>
    <message>
      <source>At most 20 characters.</source>
      <translation>最多20个字符。</translation>
    </message>
    <message>
      <source>Start with a letter.</source>
      <translation>须以字母开头。</translation>
    </message>
    <message>
      <source>Use only letters, digits, _ and -.</source>
      <translation>只能使用字母、数字、_ 和 -。</translation>
    </message>
    <message>
      <source>This ID is taken. Try another.</source>
      <translation>该号码已被占用，请换一个。</translation>
    </message>
    <message>
      <source>Your IMpTech ID was already changed once.</source>
      <translation>你的 IMpTech 号已修改过一次。</translation>
    </message>
    <message>
      <source>Could not change the ID. Try again.</source>
      <translation>修改失败，请重试。</translation>
    </message>
  </context>
  <context>
    <name>imp::app::VoiceController</name>
    <message>
      <source>Release to cancel</source>
      <translation>松开手指，取消发送</translation>
    </message>
    <message numerus="yes">
      <source>%n second(s) left</source>
      <translation>
        <numerusform>还可以说 %n 秒</numerusform>
      </translation>
    </message>
    <message>
      <source>Click again to send, Esc to cancel</source>
      <translation>再次点击发送，Esc 取消</translation>
    </message>
    <message>
      <source>Slide up to cancel</source>
      <translation>上滑取消</translation>
    </message>
    <message>
      <source>Too short to send</source>
      <translation>说话时间太短</translation>
    </message>
    <message>
      <source>No microphone found. You can still send text.</source>
      <translation>未找到麦克风。你仍可发送文字。</translation>
    </message>
    <message>
      <source>The microphone cannot be used. Check that IMpTech may use it.</source>
      <translation>无法使用麦克风，请检查是否允许 IMpTech 使用麦克风。</translation>
    </message>
    <message>
      <source>Your device is full. The voice message was not saved.</source>
      <translation>设备存储空间已满，语音未保存。</translation>
    </message>
    <message>
      <source>The voice message could not be recorded.</source>
      <translation>语音录制失败。</translation>
    </message>
    <message>
      <source>No speaker or headphones to play on.</source>
      <translation>没有可用的扬声器或耳机。</translation>
    </message>
    <message>
      <source>This voice message is in a format that cannot be played.</source>
      <translation>该语音格式无法播放。</translation>
    </message>
    <message>
      <source>This voice message cannot be played.</source>
      <translation>该语音无法播放。</translation>
    </message>
  </context>
</TS>