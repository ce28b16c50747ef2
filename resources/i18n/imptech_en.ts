<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="en">
  <context>
    <name>AddFriendPage</name>
    <message>
      <source>Add a friend</source>
      <translation>Add a friend</translation>
    </message>
    <message>
      <source>IMpTech ID or mobile number</source>
      <translation>IMpTech ID or mobile number</translation>
    </message>
    <message>
      <source>Searching…</source>
      <translation>Searching…</translation>
    </message>
    <message>
      <source>Search</source>
      <translation>Search</translation>
    </message>
    <message>
      <source>People can find you by your IMpTech ID. A mobile number finds only those who allow it.</source>
      <translation>People can find you by your IMpTech ID. A mobile number finds only those who allow it.</translation>
    </message>
    <message>
      <source>IMpTech ID: %1</source>
      <translation>IMpTech ID: %1</translation>
    </message>
    <message>
      <source>This is you.</source>
      <translation>This is you.</translation>
    </message>
    <message>
      <source>Already your friend.</source>
      <translation>Already your friend.</translation>
    </message>
    <message>
      <source>Greeting</source>
      <translation>Greeting</translation>
    </message>
    <message>
      <source>Sending…</source>
      <translation>Sending…</translation>
    </message>
    <message>
      <source>Send friend request</source>
      <translation>Send friend request</translation>
    </message>
    <message>
      <source>Send message</source>
      <translation>Send message</translation>
    </message>
  </context>
  <context>
    <name>AgePage</name>
    <message>
      <source>Your date of birth</source>
      <translation>Your date of birth</translation>
    </message>
    <message>
      <source>Your age decides which protections for minors apply. It is stored encrypted on this device.</source>
      <translation>Your age decides which protections for minors apply. It is stored encrypted on this device.</translation>
    </message>
    <message>
      <source>Year</source>
      <translation>Year</translation>
    </message>
    <message>
      <source>Month</source>
      <translation>Month</translation>
    </message>
    <message>
      <source>Day</source>
      <translation>Day</translation>
    </message>
    <message numerus="yes">
      <source>You are %n year(s) old</source>
      <translation>
        <numerusform>You are %n year old</numerusform>
        <numerusform>You are %n years old</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Confirm: I am %n</source>
      <translation>
        <numerusform>Confirm: I am %n</numerusform>
        <numerusform>Confirm: I am %n</numerusform>
      </translation>
    </message>
    <message>
      <source>Confirm</source>
      <translation>Confirm</translation>
    </message>
  </context>
  <context>
    <name>AgreementPage</name>
    <message>
      <source>The agreement has been updated</source>
      <translation>The agreement has been updated</translation>
    </message>
    <message>
      <source>Welcome to IMpTech</source>
      <translation>Welcome to IMpTech</translation>
    </message>
    <message>
      <source>Your earlier consent on this device could not be verified. Please read and agree again.</source>
      <translation>Your earlier consent on this device could not be verified. Please read and agree again.</translation>
    </message>
    <message>
      <source>What has changed:</source>
      <translation>What has changed:</translation>
    </message>
    <message>
      <source>Before you start, please read the %1 carefully. It explains how IMpTech collects, uses and protects your personal information (chapter 6), and the rules for users under 18 (clause 6.6).</source>
      <translation>Before you start, please read the %1 carefully. It explains how IMpTech collects, uses and protects your personal information (chapter 6), and the rules for users under 18 (clause 6.6).</translation>
    </message>
    <message>
      <source>Nothing is collected, stored or sent until you agree.</source>
      <translation>Nothing is collected, stored or sent until you agree.</translation>
    </message>
    <message>
      <source>Your messages and contacts are stored encrypted on this device.</source>
      <translation>Your messages and contacts are stored encrypted on this device.</translation>
    </message>
    <message>
      <source>Under 18? Read this together with your parent or guardian.</source>
      <translation>Under 18? Read this together with your parent or guardian.</translation>
    </message>
    <message>
      <source>Read the full agreement</source>
      <translation>Read the full agreement</translation>
    </message>
    <message>
      <source>Third-party notices</source>
      <translation>Third-party notices</translation>
    </message>
    <message>
      <source>Agree</source>
      <translation>Agree</translation>
    </message>
    <message>
      <source>Disagree</source>
      <translation>Disagree</translation>
    </message>
    <message>
      <source>Setting up secure storage…</source>
      <translation>Setting up secure storage…</translation>
    </message>
  </context>
  <context>
    <name>AlphabetIndex</name>
    <message>
      <source>Alphabetical index</source>
      <translation>Alphabetical index</translation>
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
      <translation>Sending…</translation>
    </message>
    <message>
      <source>Not sent</source>
      <translation>Not sent</translation>
    </message>
    <message>
      <source>Not downloaded</source>
      <translation>Not downloaded</translation>
    </message>
    <message>
      <source>Loading…</source>
      <translation>Loading…</translation>
    </message>
    <message>
      <source>Could not be downloaded</source>
      <translation>Could not be downloaded</translation>
    </message>
    <message numerus="yes">
      <source>Voice message, %n second(s)</source>
      <translation>
        <numerusform>Voice message, %n second</numerusform>
        <numerusform>Voice message, %n seconds</numerusform>
      </translation>
    </message>
    <message>
      <source>Photo %1</source>
      <translation>Photo %1</translation>
    </message>
    <message>
      <source>File %1</source>
      <translation>File %1</translation>
    </message>
    <message>
      <source>%1″</source>
      <translation>%1″</translation>
    </message>
    <message>
      <source>Photo</source>
      <translation>Photo</translation>
    </message>
    <message>
      <source>File</source>
      <translation>File</translation>
    </message>
    <message>
      <source>This photo cannot be shown</source>
      <translation>This photo cannot be shown</translation>
    </message>
  </context>
  <context>
    <name>BrokenPage</name>
    <message>
      <source>IMpTech cannot continue</source>
      <translation>IMpTech cannot continue</translation>
    </message>
    <message>
      <source>Reset this device's data?</source>
      <translation>Reset this device's data?</translation>
    </message>
    <message>
      <source>Everything IMpTech stored on this device will be deleted, and you will start again from the agreement.</source>
      <translation>Everything IMpTech stored on this device will be deleted, and you will start again from the agreement.</translation>
    </message>
    <message>
      <source>Try again</source>
      <translation>Try again</translation>
    </message>
    <message>
      <source>Reset this device's data</source>
      <translation>Reset this device's data</translation>
    </message>
    <message>
      <source>Quit</source>
      <translation>Quit</translation>
    </message>
  </context>
  <context>
    <name>ChatPage</name>
    <message>
      <source>Typing…</source>
      <translation>Typing…</translation>
    </message>
    <message>
      <source>Profile</source>
      <translation>Profile</translation>
    </message>
    <message>
      <source>Messages could not be loaded.</source>
      <translation>Messages could not be loaded.</translation>
    </message>
    <message>
      <source>No messages yet. Say hello!</source>
      <translation>No messages yet. Say hello!</translation>
    </message>
    <message>
      <source>Retry</source>
      <translation>Retry</translation>
    </message>
    <message>
      <source>Jump to newest</source>
      <translation>Jump to newest</translation>
    </message>
    <message>
      <source>%1 (%2)</source>
      <translation>%1 (%2)</translation>
    </message>
    <message>
      <source>Group info</source>
      <translation>Group info</translation>
    </message>
    <message>
      <source>No messages yet. Say hello to the group!</source>
      <translation>No messages yet. Say hello to the group!</translation>
    </message>
  </context>
  <context>
    <name>ChildRulesPage</name>
    <message>
      <source>Please read these rules together with your guardian.</source>
      <translation>Please read these rules together with your guardian.</translation>
    </message>
    <message>
      <source>They explain what IMpTech collects from children under 14, why, how it is protected, and how your guardian can see, correct or delete it, or withdraw consent.</source>
      <translation>They explain what IMpTech collects from children under 14, why, how it is protected, and how your guardian can see, correct or delete it, or withdraw consent.</translation>
    </message>
    <message>
      <source>Read the full rules</source>
      <translation>Read the full rules</translation>
    </message>
    <message>
      <source>Agree</source>
      <translation>Agree</translation>
    </message>
    <message>
      <source>Disagree</source>
      <translation>Disagree</translation>
    </message>
  </context>
  <context>
    <name>CodePage</name>
    <message>
      <source>Enter your guardian's code</source>
      <translation>Enter your guardian's code</translation>
    </message>
    <message>
      <source>Enter the verification code</source>
      <translation>Enter the verification code</translation>
    </message>
    <message>
      <source>Sent to %1</source>
      <translation>Sent to %1</translation>
    </message>
    <message>
      <source>Verification code</source>
      <translation>Verification code</translation>
    </message>
    <message>
      <source>Resend in %1 s</source>
      <translation>Resend in %1 s</translation>
    </message>
    <message>
      <source>Resend code</source>
      <translation>Resend code</translation>
    </message>
    <message>
      <source>Change number</source>
      <translation>Change number</translation>
    </message>
  </context>
  <context>
    <name>Composer</name>
    <message>
      <source>Message</source>
      <translation>Message</translation>
    </message>
    <message>
      <source>Send</source>
      <translation>Send</translation>
    </message>
    <message>
      <source>Keyboard</source>
      <translation>Keyboard</translation>
    </message>
    <message>
      <source>Voice message</source>
      <translation>Voice message</translation>
    </message>
    <message>
      <source>Send a photo or file</source>
      <translation>Send a photo or file</translation>
    </message>
  </context>
  <context>
    <name>ContactsPage</name>
    <message>
      <source>Search friends</source>
      <translation>Search friends</translation>
    </message>
    <message numerus="yes">
      <source>New friends, %n waiting</source>
      <translation>
        <numerusform>New friends, %n waiting</numerusform>
        <numerusform>New friends, %n waiting</numerusform>
      </translation>
    </message>
    <message>
      <source>New friends</source>
      <translation>New friends</translation>
    </message>
    <message>
      <source>No friend matches “%1”</source>
      <translation>No friend matches “%1”</translation>
    </message>
    <message>
      <source>No friends yet</source>
      <translation>No friends yet</translation>
    </message>
    <message>
      <source>Add a friend</source>
      <translation>Add a friend</translation>
    </message>
  </context>
  <context>
    <name>ConversationList</name>
    <message numerus="yes">
      <source>%1, %n unread</source>
      <translation>
        <numerusform>%1, %n unread</numerusform>
        <numerusform>%1, %n unread</numerusform>
      </translation>
    </message>
    <message>
      <source>Unpin</source>
      <translation>Unpin</translation>
    </message>
    <message>
      <source>Pin to top</source>
      <translation>Pin to top</translation>
    </message>
    <message>
      <source>Mark as read</source>
      <translation>Mark as read</translation>
    </message>
    <message>
      <source>No messages yet</source>
      <translation>No messages yet</translation>
    </message>
    <message>
      <source>Add a friend</source>
      <translation>Add a friend</translation>
    </message>
  </context>
  <context>
    <name>DeclinedPage</name>
    <message>
      <source>You have not agreed</source>
      <translation>You have not agreed</translation>
    </message>
    <message>
      <source>IMpTech can only be used under the current agreement. Because you did not agree to the updated terms, IMpTech cannot be used (clause 12.1). Your data stays encrypted on this device.</source>
      <translation>IMpTech can only be used under the current agreement. Because you did not agree to the updated terms, IMpTech cannot be used (clause 12.1). Your data stays encrypted on this device.</translation>
    </message>
    <message>
      <source>IMpTech can only be used after you agree to the agreement. You can read it again, or quit. If you quit now, nothing is kept on this device.</source>
      <translation>IMpTech can only be used after you agree to the agreement. You can read it again, or quit. If you quit now, nothing is kept on this device.</translation>
    </message>
    <message>
      <source>Read again</source>
      <translation>Read again</translation>
    </message>
    <message>
      <source>Quit</source>
      <translation>Quit</translation>
    </message>
  </context>
  <context>
    <name>DocumentViewer</name>
    <message>
      <source>Find in text</source>
      <translation>Find in text</translation>
    </message>
    <message>
      <source>No matches</source>
      <translation>No matches</translation>
    </message>
    <message>
      <source>Previous match</source>
      <translation>Previous match</translation>
    </message>
    <message>
      <source>Next match</source>
      <translation>Next match</translation>
    </message>
  </context>
  <context>
    <name>GroupInfoPage</name>
    <message>
      <source>%1 (%2)</source>
      <translation>%1 (%2)</translation>
    </message>
    <message>
      <source>Invite friends</source>
      <translation>Invite friends</translation>
    </message>
    <message>
      <source>Loading members…</source>
      <translation>Loading members…</translation>
    </message>
    <message>
      <source>Members</source>
      <translation>Members</translation>
    </message>
    <message>
      <source>%1, %2</source>
      <translation>%1, %2</translation>
    </message>
    <message>
      <source>%1 (you)</source>
      <translation>%1 (you)</translation>
    </message>
    <message>
      <source>Leave the group</source>
      <translation>Leave the group</translation>
    </message>
    <message>
      <source>Leave “%1”?</source>
      <translation>Leave “%1”?</translation>
    </message>
    <message>
      <source>You will stop getting its messages on all your devices, and a member has to invite you to come back. The messages you have stay on this device.</source>
      <translation>You will stop getting its messages on all your devices, and a member has to invite you to come back. The messages you have stay on this device.</translation>
    </message>
    <message>
      <source>Leave</source>
      <translation>Leave</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>Group name: %1</source>
      <translation>Group name: %1</translation>
    </message>
    <message>
      <source>Group name</source>
      <translation>Group name</translation>
    </message>
    <message>
      <source>View profile</source>
      <translation>View profile</translation>
    </message>
    <message>
      <source>Make owner</source>
      <translation>Make owner</translation>
    </message>
    <message>
      <source>Remove from the group</source>
      <translation>Remove from the group</translation>
    </message>
    <message>
      <source>Save</source>
      <translation>Save</translation>
    </message>
  </context>
  <context>
    <name>GroupPickerPage</name>
    <message>
      <source>Invite friends</source>
      <translation>Invite friends</translation>
    </message>
    <message>
      <source>New group</source>
      <translation>New group</translation>
    </message>
    <message>
      <source>Done (%1)</source>
      <translation>Done (%1)</translation>
    </message>
    <message>
      <source>Done</source>
      <translation>Done</translation>
    </message>
    <message>
      <source>Group name (optional)</source>
      <translation>Group name (optional)</translation>
    </message>
    <message>
      <source>Choose at least two friends. Only friends can be added.</source>
      <translation>Choose at least two friends. Only friends can be added.</translation>
    </message>
    <message>
      <source>Search friends</source>
      <translation>Search friends</translation>
    </message>
    <message>
      <source>%1, already in the group</source>
      <translation>%1, already in the group</translation>
    </message>
    <message>
      <source>No friend matches “%1”</source>
      <translation>No friend matches “%1”</translation>
    </message>
    <message>
      <source>Add friends first: groups are made of friends.</source>
      <translation>Add friends first: groups are made of friends.</translation>
    </message>
  </context>
  <context>
    <name>GuardianPage</name>
    <message>
      <source>Your guardian must agree</source>
      <translation>Your guardian must agree</translation>
    </message>
    <message numerus="yes">
      <source>You are %n year(s) old.</source>
      <translation>
        <numerusform>You are %n year old.</numerusform>
        <numerusform>You are %n years old.</numerusform>
      </translation>
    </message>
    <message>
      <source>Users under 18 need the consent of a parent or legal guardian before using IMpTech (clause 6.6).</source>
      <translation>Users under 18 need the consent of a parent or legal guardian before using IMpTech (clause 6.6).</translation>
    </message>
    <message>
      <source>When you sign up, we will send a verification code to your guardian's phone. Entering it records their consent. Minors' mode will be on: nobody can find you by phone number, strangers cannot send you friend requests, and you get no promotions.</source>
      <translation>When you sign up, we will send a verification code to your guardian's phone. Entering it records their consent. Minors' mode will be on: nobody can find you by phone number, strangers cannot send you friend requests, and you get no promotions.</translation>
    </message>
    <message>
      <source>Because you are under 14, you and your guardian will also read and accept the children's personal information rules.</source>
      <translation>Because you are under 14, you and your guardian will also read and accept the children's personal information rules.</translation>
    </message>
    <message>
      <source>Read the agreement with your guardian</source>
      <translation>Read the agreement with your guardian</translation>
    </message>
    <message>
      <source>My guardian has read the agreement with me, including the rules for minors, and agrees that I use IMpTech.</source>
      <translation>My guardian has read the agreement with me, including the rules for minors, and agrees that I use IMpTech.</translation>
    </message>
    <message>
      <source>Continue</source>
      <translation>Continue</translation>
    </message>
    <message>
      <source>Change date of birth</source>
      <translation>Change date of birth</translation>
    </message>
  </context>
  <context>
    <name>HoldToTalkBar</name>
    <message>
      <source>Hold to talk</source>
      <translation>Hold to talk</translation>
    </message>
    <message>
      <source>Release to cancel</source>
      <translation>Release to cancel</translation>
    </message>
    <message>
      <source>Release to send</source>
      <translation>Release to send</translation>
    </message>
    <message>
      <source>Click to send</source>
      <translation>Click to send</translation>
    </message>
  </context>
  <context>
    <name>HomeShell</name>
    <message>
      <source>Chats</source>
      <translation>Chats</translation>
    </message>
    <message>
      <source>Contacts</source>
      <translation>Contacts</translation>
    </message>
    <message>
      <source>Me</source>
      <translation>Me</translation>
    </message>
    <message>
      <source>Add a friend</source>
      <translation>Add a friend</translation>
    </message>
    <message>
      <source>Select a chat to start messaging</source>
      <translation>Select a chat to start messaging</translation>
    </message>
    <message>
      <source>Your account was signed in on another device</source>
      <translation>Your account was signed in on another device</translation>
    </message>
    <message>
      <source>Your chats stay encrypted on this device. Sign in again with your mobile number to use it here.</source>
      <translation>Your chats stay encrypted on this device. Sign in again with your mobile number to use it here.</translation>
    </message>
    <message>
      <source>Sign in again</source>
      <translation>Sign in again</translation>
    </message>
    <message>
      <source>Online</source>
      <translation>Online</translation>
    </message>
    <message>
      <source>Connecting…</source>
      <translation>Connecting…</translation>
    </message>
    <message>
      <source>Offline</source>
      <translation>Offline</translation>
    </message>
    <message>
      <source>%1, %2 new</source>
      <translation>%1, %2 new</translation>
    </message>
    <message>
      <source>New group or friend</source>
      <translation>New group or friend</translation>
    </message>
    <message>
      <source>New group</source>
      <translation>New group</translation>
    </message>
  </context>
  <context>
    <name>ImptechIdPage</name>
    <message>
      <source>Your IMpTech ID</source>
      <translation>Your IMpTech ID</translation>
    </message>
    <message>
      <source>Friends can find you by this ID.</source>
      <translation>Friends can find you by this ID.</translation>
    </message>
    <message>
      <source>IMpTech ID %1</source>
      <translation>IMpTech ID %1</translation>
    </message>
    <message>
      <source>You can change it once. 6–20 characters: letters, digits, _ or -, starting with a letter.</source>
      <translation>You can change it once. 6–20 characters: letters, digits, _ or -, starting with a letter.</translation>
    </message>
    <message>
      <source>Your IMpTech ID can no longer be changed.</source>
      <translation>Your IMpTech ID can no longer be changed.</translation>
    </message>
    <message>
      <source>New IMpTech ID</source>
      <translation>New IMpTech ID</translation>
    </message>
    <message>
      <source>Change ID (only once)</source>
      <translation>Change ID (only once)</translation>
    </message>
    <message>
      <source>Start using IMpTech</source>
      <translation>Start using IMpTech</translation>
    </message>
    <message>
      <source>Keep this ID</source>
      <translation>Keep this ID</translation>
    </message>
    <message>
      <source>Change ID</source>
      <translation>Change ID</translation>
    </message>
  </context>
  <context>
    <name>InvitationBanner</name>
    <message>
      <source>%1, who is not your friend, invited you to a group.</source>
      <translation>%1, who is not your friend, invited you to a group.</translation>
    </message>
    <message>
      <source>Ignore</source>
      <translation>Ignore</translation>
    </message>
    <message>
      <source>Join</source>
      <translation>Join</translation>
    </message>
  </context>
  <context>
    <name>KeyFileBanner</name>
    <message>
      <source>The system keychain is not available. Your data key is kept in a protected file on this device instead, which is less safe if someone copies your files.</source>
      <translation>The system keychain is not available. Your data key is kept in a protected file on this device instead, which is less safe if someone copies your files.</translation>
    </message>
  </context>
  <context>
    <name>LoadingPage</name>
    <message>
      <source>Loading</source>
      <translation>Loading</translation>
    </message>
  </context>
  <context>
    <name>MePage</name>
    <message>
      <source>IMpTech ID: %1</source>
      <translation>IMpTech ID: %1</translation>
    </message>
    <message>
      <source>Agreement</source>
      <translation>Agreement</translation>
    </message>
    <message>
      <source>Third-party notices</source>
      <translation>Third-party notices</translation>
    </message>
    <message>
      <source>Hide message text in notifications</source>
      <translation>Hide message text in notifications</translation>
    </message>
    <message>
      <source>Always on in minors' mode</source>
      <translation>Always on in minors' mode</translation>
    </message>
    <message>
      <source>Notifications say only "You have a new message"</source>
      <translation>Notifications say only "You have a new message"</translation>
    </message>
  </context>
  <context>
    <name>MentionPicker</name>
    <message>
      <source>Mention %1</source>
      <translation>Mention %1</translation>
    </message>
  </context>
  <context>
    <name>MessageBubble</name>
    <message>
      <source>You recalled a message</source>
      <translation>You recalled a message</translation>
    </message>
    <message>
      <source>The other person recalled a message</source>
      <translation>The other person recalled a message</translation>
    </message>
    <message>
      <source>You: %1</source>
      <translation>You: %1</translation>
    </message>
    <message>
      <source>Them: %1</source>
      <translation>Them: %1</translation>
    </message>
    <message>
      <source>%1: %2</source>
      <translation>%1: %2</translation>
    </message>
  </context>
  <context>
    <name>MessageMenu</name>
    <message>
      <source>Copy</source>
      <translation>Copy</translation>
    </message>
    <message>
      <source>Recall</source>
      <translation>Recall</translation>
    </message>
    <message>
      <source>Delete on this device</source>
      <translation>Delete on this device</translation>
    </message>
    <message>
      <source>Report</source>
      <translation>Report</translation>
    </message>
  </context>
  <context>
    <name>NoticesPage</name>
    <message>
      <source>Third-party notices</source>
      <translation>Third-party notices</translation>
    </message>
    <message>
      <source>The notices could not be found in this copy of IMpTech.</source>
      <translation>The notices could not be found in this copy of IMpTech.</translation>
    </message>
  </context>
  <context>
    <name>PhonePage</name>
    <message>
      <source>Your guardian's mobile number</source>
      <translation>Your guardian's mobile number</translation>
    </message>
    <message>
      <source>Sign up with your mobile number</source>
      <translation>Sign up with your mobile number</translation>
    </message>
    <message>
      <source>We will send your guardian a code. Entering it records their consent.</source>
      <translation>We will send your guardian a code. Entering it records their consent.</translation>
    </message>
    <message>
      <source>We will send you a verification code by SMS.</source>
      <translation>We will send you a verification code by SMS.</translation>
    </message>
    <message>
      <source>Country or region</source>
      <translation>Country or region</translation>
    </message>
    <message>
      <source>Mobile number</source>
      <translation>Mobile number</translation>
    </message>
    <message>
      <source>Search country, region or code</source>
      <translation>Search country, region or code</translation>
    </message>
    <message>
      <source>No matching region</source>
      <translation>No matching region</translation>
    </message>
    <message>
      <source>Sending…</source>
      <translation>Sending…</translation>
    </message>
    <message>
      <source>Next</source>
      <translation>Next</translation>
    </message>
  </context>
  <context>
    <name>PhotoViewer</name>
    <message>
      <source>Photo</source>
      <translation>Photo</translation>
    </message>
    <message>
      <source>Save</source>
      <translation>Save</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>Close</translation>
    </message>
  </context>
  <context>
    <name>ProfileCard</name>
    <message>
      <source>Profile</source>
      <translation>Profile</translation>
    </message>
    <message>
      <source>IMpTech ID: %1</source>
      <translation>IMpTech ID: %1</translation>
    </message>
    <message>
      <source>Blocked</source>
      <translation>Blocked</translation>
    </message>
    <message>
      <source>Send message</source>
      <translation>Send message</translation>
    </message>
    <message>
      <source>Unblock</source>
      <translation>Unblock</translation>
    </message>
    <message>
      <source>Block</source>
      <translation>Block</translation>
    </message>
    <message>
      <source>Report</source>
      <translation>Report</translation>
    </message>
    <message>
      <source>Remove friend</source>
      <translation>Remove friend</translation>
    </message>
    <message>
      <source>Remove %1?</source>
      <translation>Remove %1?</translation>
    </message>
    <message>
      <source>You will also disappear from their list. Your chat history stays on this device.</source>
      <translation>You will also disappear from their list. Your chat history stays on this device.</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>Remove</source>
      <translation>Remove</translation>
    </message>
    <message>
      <source>Block %1?</source>
      <translation>Block %1?</translation>
    </message>
    <message>
      <source>You will not get their messages or friend requests. You can unblock them later.</source>
      <translation>You will not get their messages or friend requests. You can unblock them later.</translation>
    </message>
  </context>
  <context>
    <name>ProfilePage</name>
    <message>
      <source>Set up your profile</source>
      <translation>Set up your profile</translation>
    </message>
    <message>
      <source>Friends see your nickname and avatar.</source>
      <translation>Friends see your nickname and avatar.</translation>
    </message>
    <message>
      <source>Avatar (optional)</source>
      <translation>Avatar (optional)</translation>
    </message>
    <message>
      <source>An avatar is optional; you can add one later in Me.</source>
      <translation>An avatar is optional; you can add one later in Me.</translation>
    </message>
    <message>
      <source>Nickname</source>
      <translation>Nickname</translation>
    </message>
    <message>
      <source>Save</source>
      <translation>Save</translation>
    </message>
  </context>
  <context>
    <name>ProgressRing</name>
    <message>
      <source>%1 percent</source>
      <translation>%1 percent</translation>
    </message>
  </context>
  <context>
    <name>ReadyPage</name>
    <message>
      <source>You're all set</source>
      <translation>You're all set</translation>
    </message>
    <message>
      <source>Next, sign up with your mobile number.</source>
      <translation>Next, sign up with your mobile number.</translation>
    </message>
    <message>
      <source>Minors' mode will be switched on for your account once your guardian confirms with their phone.</source>
      <translation>Minors' mode will be switched on for your account once your guardian confirms with their phone.</translation>
    </message>
    <message>
      <source>Agreement</source>
      <translation>Agreement</translation>
    </message>
    <message>
      <source>Third-party notices</source>
      <translation>Third-party notices</translation>
    </message>
    <message>
      <source>Continue to sign up</source>
      <translation>Continue to sign up</translation>
    </message>
  </context>
  <context>
    <name>ReportDialog</name>
    <message>
      <source>Report %1</source>
      <translation>Report %1</translation>
    </message>
    <message>
      <source>Why are you reporting this person? They will also be blocked.</source>
      <translation>Why are you reporting this person? They will also be blocked.</translation>
    </message>
    <message>
      <source>Spam or advertising</source>
      <translation>Spam or advertising</translation>
    </message>
    <message>
      <source>Harassment or abuse</source>
      <translation>Harassment or abuse</translation>
    </message>
    <message>
      <source>Details (optional)</source>
      <translation>Details (optional)</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>Report</source>
      <translation>Report</translation>
    </message>
  </context>
  <context>
    <name>RequestsPage</name>
    <message>
      <source>New friends</source>
      <translation>New friends</translation>
    </message>
    <message>
      <source>Request sent</source>
      <translation>Request sent</translation>
    </message>
    <message>
      <source>Decline</source>
      <translation>Decline</translation>
    </message>
    <message>
      <source>Decline %1</source>
      <translation>Decline %1</translation>
    </message>
    <message>
      <source>Accept</source>
      <translation>Accept</translation>
    </message>
    <message>
      <source>Accept %1</source>
      <translation>Accept %1</translation>
    </message>
    <message>
      <source>Added</source>
      <translation>Added</translation>
    </message>
    <message>
      <source>Declined</source>
      <translation>Declined</translation>
    </message>
    <message>
      <source>Waiting</source>
      <translation>Waiting</translation>
    </message>
    <message>
      <source>No friend requests</source>
      <translation>No friend requests</translation>
    </message>
    <message>
      <source>Add a friend</source>
      <translation>Add a friend</translation>
    </message>
  </context>
  <context>
    <name>Ticks</name>
    <message>
      <source>Sending</source>
      <translation>Sending</translation>
    </message>
    <message>
      <source>Sent</source>
      <translation>Sent</translation>
    </message>
    <message>
      <source>Delivered</source>
      <translation>Delivered</translation>
    </message>
    <message>
      <source>Read</source>
      <translation>Read</translation>
    </message>
  </context>
  <context>
    <name>TimeText</name>
    <message>
      <source>Today</source>
      <translation>Today</translation>
    </message>
    <message>
      <source>Yesterday</source>
      <translation>Yesterday</translation>
    </message>
  </context>
  <context>
    <name>TitleBar</name>
    <message>
      <source>Back</source>
      <translation>Back</translation>
    </message>
  </context>
  <context>
    <name>imp::app::AttachmentController</name>
    <message>
      <source>Pasted image</source>
      <translation>Pasted image</translation>
    </message>
    <message>
      <source>Saved</source>
      <translation>Saved</translation>
    </message>
    <message>
      <source>Photo</source>
      <translation>Photo</translation>
    </message>
    <message>
      <source>File</source>
      <translation>File</translation>
    </message>
    <message>
      <source>This file is too large to send (100 MB at most).</source>
      <translation>This file is too large to send (100 MB at most).</translation>
    </message>
    <message>
      <source>This file is empty.</source>
      <translation>This file is empty.</translation>
    </message>
    <message>
      <source>This file cannot be read.</source>
      <translation>This file cannot be read.</translation>
    </message>
    <message>
      <source>This photo is damaged and was not sent.</source>
      <translation>This photo is damaged and was not sent.</translation>
    </message>
    <message>
      <source>Your device is full. Free some space and try again.</source>
      <translation>Your device is full. Free some space and try again.</translation>
    </message>
    <message>
      <source>The file could not be saved there.</source>
      <translation>The file could not be saved there.</translation>
    </message>
    <message>
      <source>The file could not be sent.</source>
      <translation>The file could not be sent.</translation>
    </message>
  </context>
  <context>
    <name>imp::app::ChatsController</name>
    <message>
      <source>Syncing… %1</source>
      <translation>Syncing… %1</translation>
    </message>
    <message>
      <source>Syncing… %1 / %2</source>
      <translation>Syncing… %1 / %2</translation>
    </message>
    <message>
      <source>This device is out of space. New messages wait on the server until you free some space.</source>
      <translation>This device is out of space. New messages wait on the server until you free some space.</translation>
    </message>
    <message>
      <source>Messages could not be saved on this device. They wait on the server; nothing is lost.</source>
      <translation>Messages could not be saved on this device. They wait on the server; nothing is lost.</translation>
    </message>
    <message>
      <source>This message is too long to send.</source>
      <translation>This message is too long to send.</translation>
    </message>
    <message>
      <source>Messages can only be recalled within 2 minutes.</source>
      <translation>Messages can only be recalled within 2 minutes.</translation>
    </message>
    <message>
      <source>Could not recall the message.</source>
      <translation>Could not recall the message.</translation>
    </message>
    <message>
      <source>Copied</source>
      <translation>Copied</translation>
    </message>
    <message>
      <source>This file is too large to send (100 MB at most).</source>
      <translation>This file is too large to send (100 MB at most).</translation>
    </message>
    <message>
      <source>You have sent too much today. Try again tomorrow.</source>
      <translation>You have sent too much today. Try again tomorrow.</translation>
    </message>
    <message>
      <source>Files cannot be sent right now. Tap the message to try again.</source>
      <translation>Files cannot be sent right now. Tap the message to try again.</translation>
    </message>
    <message>
      <source>The file could not be sent. Tap the message to try again.</source>
      <translation>The file could not be sent. Tap the message to try again.</translation>
    </message>
  </context>
  <context>
    <name>imp::app::ConversationListModel</name>
    <message>
      <source>You recalled a message</source>
      <translation>You recalled a message</translation>
    </message>
    <message>
      <source>%1 recalled a message</source>
      <translation>%1 recalled a message</translation>
    </message>
    <message>
      <source>[Voice]</source>
      <translation>[Voice]</translation>
    </message>
    <message>
      <source>[Photo]</source>
      <translation>[Photo]</translation>
    </message>
    <message>
      <source>[File]</source>
      <translation>[File]</translation>
    </message>
    <message>
      <source>%1: %2</source>
      <translation>%1: %2</translation>
    </message>
  </context>
  <context>
    <name>imp::app::DesktopController</name>
    <message>
      <source>IMpTech (%1)</source>
      <translation>IMpTech (%1)</translation>
    </message>
    <message>
      <source>IMpTech</source>
      <translation>IMpTech</translation>
    </message>
    <message numerus="yes">
      <source>You have %n new messages</source>
      <translation>
        <numerusform>You have %n new message</numerusform>
        <numerusform>You have %n new messages</numerusform>
      </translation>
    </message>
    <message>
      <source>You have a new message</source>
      <translation>You have a new message</translation>
    </message>
    <message numerus="yes">
      <source>[%n messages] %1</source>
      <translation>
        <numerusform>[%n message] %1</numerusform>
        <numerusform>[%n messages] %1</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>imp::app::FreedesktopNotifier</name>
    <message>
      <source>Open</source>
      <translation>Open</translation>
    </message>
  </context>
  <context>
    <name>imp::app::FriendsController</name>
    <message>
      <source>No user with this ID or number. Check it and try again.</source>
      <translation>No user with this ID or number. Check it and try again.</translation>
    </message>
    <message>
      <source>Too many searches. Try again later.</source>
      <translation>Too many searches. Try again later.</translation>
    </message>
    <message>
      <source>Enter an IMpTech ID or a mobile number.</source>
      <translation>Enter an IMpTech ID or a mobile number.</translation>
    </message>
    <message>
      <source>Could not search. Check the connection and try again.</source>
      <translation>Could not search. Check the connection and try again.</translation>
    </message>
    <message>
      <source>This is not a valid mobile number.</source>
      <translation>This is not a valid mobile number.</translation>
    </message>
    <message>
      <source>Hi, let's be friends</source>
      <translation>Hi, let's be friends</translation>
    </message>
    <message>
      <source>Hi, I'm %1</source>
      <translation>Hi, I'm %1</translation>
    </message>
    <message>
      <source>Could not send the request. Try again.</source>
      <translation>Could not send the request. Try again.</translation>
    </message>
    <message>
      <source>Request sent</source>
      <translation>Request sent</translation>
    </message>
    <message>
      <source>Could not accept. Try again.</source>
      <translation>Could not accept. Try again.</translation>
    </message>
    <message>
      <source>Could not decline. Try again.</source>
      <translation>Could not decline. Try again.</translation>
    </message>
    <message>
      <source>Could not remove this friend. Try again.</source>
      <translation>Could not remove this friend. Try again.</translation>
    </message>
    <message>
      <source>Blocked. You will not get their messages.</source>
      <translation>Blocked. You will not get their messages.</translation>
    </message>
    <message>
      <source>Could not block. Try again.</source>
      <translation>Could not block. Try again.</translation>
    </message>
    <message>
      <source>Could not unblock. Try again.</source>
      <translation>Could not unblock. Try again.</translation>
    </message>
    <message>
      <source>Reported. Thank you.</source>
      <translation>Reported. Thank you.</translation>
    </message>
    <message>
      <source>Could not send the report. Try again.</source>
      <translation>Could not send the report. Try again.</translation>
    </message>
  </context>
  <context>
    <name>imp::app::GroupMemberListModel</name>
    <message>
      <source>Owner</source>
      <translation>Owner</translation>
    </message>
    <message>
      <source>Admin</source>
      <translation>Admin</translation>
    </message>
  </context>
  <context>
    <name>imp::app::GroupsController</name>
    <message>
      <source>You are no longer in this group.</source>
      <translation>You are no longer in this group.</translation>
    </message>
    <message>
      <source>%1 Reason: %2</source>
      <translation>%1 Reason: %2</translation>
    </message>
    <message>
      <source>This group was deleted by its owner.</source>
      <translation>This group was deleted by its owner.</translation>
    </message>
    <message>
      <source>You were banned from this group.</source>
      <translation>You were banned from this group.</translation>
    </message>
    <message>
      <source>The group service is shutting down. You will rejoin when it is back.</source>
      <translation>The group service is shutting down. You will rejoin when it is back.</translation>
    </message>
    <message>
      <source>You were removed from this group.</source>
      <translation>You were removed from this group.</translation>
    </message>
    <message>
      <source>You are not a member of this group.</source>
      <translation>You are not a member of this group.</translation>
    </message>
    <message>
      <source>This group no longer exists.</source>
      <translation>This group no longer exists.</translation>
    </message>
    <message>
      <source>This group is full.</source>
      <translation>This group is full.</translation>
    </message>
    <message>
      <source>This group cannot be opened right now.</source>
      <translation>This group cannot be opened right now.</translation>
    </message>
    <message>
      <source>They cannot be added to this group. A minor can only be added by a friend.</source>
      <translation>They cannot be added to this group. A minor can only be added by a friend.</translation>
    </message>
    <message>
      <source>This group is full (500 members at most).</source>
      <translation>This group is full (500 members at most).</translation>
    </message>
    <message>
      <source>You own this group. Make another member the owner before you leave.</source>
      <translation>You own this group. Make another member the owner before you leave.</translation>
    </message>
    <message>
      <source>You are offline. Try again when you are connected.</source>
      <translation>You are offline. Try again when you are connected.</translation>
    </message>
    <message>
      <source>Something went wrong. Try again.</source>
      <translation>Something went wrong. Try again.</translation>
    </message>
    <message>
      <source>Choose at least two friends.</source>
      <translation>Choose at least two friends.</translation>
    </message>
    <message>
      <source>Invited</source>
      <translation>Invited</translation>
    </message>
    <message>
      <source>Not added: %1. %2</source>
      <translation>Not added: %1. %2</translation>
    </message>
    <message>
      <source>, </source>
      <translation>, </translation>
    </message>
    <message>
      <source>Only the group's owner can do this.</source>
      <translation>Only the group's owner can do this.</translation>
    </message>
    <message>
      <source>Removed from the group</source>
      <translation>Removed from the group</translation>
    </message>
    <message>
      <source>%1 now owns the group</source>
      <translation>%1 now owns the group</translation>
    </message>
    <message>
      <source>Group renamed</source>
      <translation>Group renamed</translation>
    </message>
  </context>
  <context>
    <name>imp::app::OnboardingController</name>
    <message>
      <source>The agreement shipped with this copy of IMpTech is damaged, so it cannot be accepted. Please reinstall IMpTech.</source>
      <translation>The agreement shipped with this copy of IMpTech is damaged, so it cannot be accepted. Please reinstall IMpTech.</translation>
    </message>
    <message>
      <source>The system keychain did not answer, so your data cannot be unlocked. Unlock your keychain and try again.</source>
      <translation>The system keychain did not answer, so your data cannot be unlocked. Unlock your keychain and try again.</translation>
    </message>
    <message>
      <source>The system keychain is unavailable, so your data cannot be unlocked.</source>
      <translation>The system keychain is unavailable, so your data cannot be unlocked.</translation>
    </message>
    <message>
      <source>The data on this device is damaged and cannot be read.</source>
      <translation>The data on this device is damaged and cannot be read.</translation>
    </message>
    <message>
      <source>The disk is full. Free some space and try again.</source>
      <translation>The disk is full. Free some space and try again.</translation>
    </message>
    <message>
      <source>This data was written by a newer IMpTech. Please update the app.</source>
      <translation>This data was written by a newer IMpTech. Please update the app.</translation>
    </message>
    <message>
      <source>Something went wrong while saving on this device. Please try again.</source>
      <translation>Something went wrong while saving on this device. Please try again.</translation>
    </message>
    <message>
      <source>A birth date cannot be in the future.</source>
      <translation>A birth date cannot be in the future.</translation>
    </message>
    <message>
      <source>Please check the year: that is more than 120 years ago.</source>
      <translation>Please check the year: that is more than 120 years ago.</translation>
    </message>
    <message>
      <source>That day does not exist. Please check the date.</source>
      <translation>That day does not exist. Please check the date.</translation>
    </message>
    <message>
      <source>Under 18: your guardian must agree before you can use IMpTech.</source>
      <translation>Under 18: your guardian must agree before you can use IMpTech.</translation>
    </message>
    <message>
      <source>Under 14: your guardian must agree, and also accept the children's personal information rules.</source>
      <translation>Under 14: your guardian must agree, and also accept the children's personal information rules.</translation>
    </message>
    <message>
      <source>This profile is open in another IMpTech program (%1). Close it, then try again.</source>
      <translation>This profile is open in another IMpTech program (%1). Close it, then try again.</translation>
    </message>
  </context>
  <context>
    <name>imp::app::SignupController</name>
    <message>
      <source>Offline</source>
      <translation>Offline</translation>
    </message>
    <message>
      <source>Connecting…</source>
      <translation>Connecting…</translation>
    </message>
    <message>
      <source>Online</source>
      <translation>Online</translation>
    </message>
    <message>
      <source>Your account was signed in on another device.</source>
      <translation>Your account was signed in on another device.</translation>
    </message>
    <message>
      <source>The server's certificate is not valid, so IMpTech will not connect.</source>
      <translation>The server's certificate is not valid, so IMpTech will not connect.</translation>
    </message>
    <message>
      <source>Sign-in failed. Sign in again with your mobile number.</source>
      <translation>Sign-in failed. Sign in again with your mobile number.</translation>
    </message>
    <message>
      <source>Network unavailable. Retrying…</source>
      <translation>Network unavailable. Retrying…</translation>
    </message>
    <message>
      <source>Enter your mobile number.</source>
      <translation>Enter your mobile number.</translation>
    </message>
    <message>
      <source>That number is too short.</source>
      <translation>That number is too short.</translation>
    </message>
    <message>
      <source>That number is too long.</source>
      <translation>That number is too long.</translation>
    </message>
    <message>
      <source>Choose the country or region of this number.</source>
      <translation>Choose the country or region of this number.</translation>
    </message>
    <message>
      <source>A phone number has digits only.</source>
      <translation>A phone number has digits only.</translation>
    </message>
    <message>
      <source>This is not a mobile number. SMS codes need a mobile number.</source>
      <translation>This is not a mobile number. SMS codes need a mobile number.</translation>
    </message>
    <message>
      <source>This number is not valid for the chosen region.</source>
      <translation>This number is not valid for the chosen region.</translation>
    </message>
    <message>
      <source>The server did not accept this number. Check it and try again.</source>
      <translation>The server did not accept this number. Check it and try again.</translation>
    </message>
    <message>
      <source>Too many attempts. Try again in %1 s.</source>
      <translation>Too many attempts. Try again in %1 s.</translation>
    </message>
    <message numerus="yes">
      <source>Wrong code. %n attempt(s) left.</source>
      <translation>
        <numerusform>Wrong code. %n attempt left.</numerusform>
        <numerusform>Wrong code. %n attempts left.</numerusform>
      </translation>
    </message>
    <message>
      <source>Wrong code. Request a new one.</source>
      <translation>Wrong code. Request a new one.</translation>
    </message>
    <message>
      <source>This code has expired or was used up. Request a new one.</source>
      <translation>This code has expired or was used up. Request a new one.</translation>
    </message>
    <message>
      <source>This version of IMpTech is too old. Please update it.</source>
      <translation>This version of IMpTech is too old. Please update it.</translation>
    </message>
    <message>
      <source>Your guardian's consent is required.</source>
      <translation>Your guardian's consent is required.</translation>
    </message>
    <message>
      <source>The server is not answering. Try again.</source>
      <translation>The server is not answering. Try again.</translation>
    </message>
    <message>
      <source>No network connection. Check it and try again.</source>
      <translation>No network connection. Check it and try again.</translation>
    </message>
    <message>
      <source>The server had a problem. Try again in a moment.</source>
      <translation>The server had a problem. Try again in a moment.</translation>
    </message>
    <message>
      <source>Your guardian needs their own mobile number.</source>
      <translation>Your guardian needs their own mobile number.</translation>
    </message>
    <message>
      <source>Could not save your profile. Check the connection and try again.</source>
      <translation>Could not save your profile. Check the connection and try again.</translation>
    </message>
    <message>
      <source>At least 6 characters.</source>
      <translation>At least 6 characters.</translation>
    </message>
    <message>
      <source>At most 20 characters.</source>
      <translation>At most 20 characters.</translation>
    </message>
    <message>
      <source>Start with a letter.</source>
      <translation>Start with a letter.</translation>
    </message>
    <message>
      <source>Use only letters, digits, _ and -.</source>
      <translation>Use only letters, digits, _ and -.</translation>
    </message>
    <message>
      <source>This ID is taken. Try another.</source>
      <translation>This ID is taken. Try another.</translation>
    </message>
    <message>
      <source>Your IMpTech ID was already changed once.</source>
      <translation>Your IMpTech ID was already changed once.</translation>
    </message>
    <message>
      <source>Could not change the ID. Try again.</source>
      <translation>Could not change the ID. Try again.</translation>
    </message>
  </context>
  <context>
    <name>imp::app::VoiceController</name>
    <message>
      <source>Release to cancel</source>
      <translation>Release to cancel</translation>
    </message>
    <message numerus="yes">
      <source>%n second(s) left</source>
      <translation>
        <numerusform>%n second left</numerusform>
        <numerusform>%n seconds left</numerusform>
      </translation>
    </message>
    <message>
      <source>Click again to send, Esc to cancel</source>
      <translation>Click again to send, Esc to cancel</translation>
    </message>
    <message>
      <source>Slide up to cancel</source>
      <translation>Slide up to cancel</translation>
    </message>
    <message>
      <source>Too short to send</source>
      <translation>Too short to send</translation>
    </message>
    <message>
      <source>No microphone found. You can still send text.</source>
      <translation>No microphone found. You can still send text.</translation>
    </message>
    <message>
      <source>The microphone cannot be used. Check that IMpTech may use it.</source>
      <translation>The microphone cannot be used. Check that IMpTech may use it.</translation>
    </message>
    <message>
      <source>Your device is full. The voice message was not saved.</source>
      <translation>Your device is full. The voice message was not saved.</translation>
    </message>
    <message>
      <source>The voice message could not be recorded.</source>
      <translation>The voice message could not be recorded.</translation>
    </message>
    <message>
      <source>No speaker or headphones to play on.</source>
      <translation>No speaker or headphones to play on.</translation>
    </message>
    <message>
      <source>This voice message is in a format that cannot be played.</source>
      <translation>This voice message is in a format that cannot be played.</translation>
    </message>
    <message>
      <source>This voice message cannot be played.</source>
      <translation>This voice message cannot be played.</translation>
    </message>
  </context>
</TS>