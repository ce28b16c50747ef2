<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="en">
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
      <source>No messages yet</source>
      <translation>No messages yet</translation>
    </message>
    <message>
      <source>Add a friend</source>
      <translation>Add a friend</translation>
    </message>
    <message>
      <source>Friends will be listed here. Adding friends arrives in the next version.</source>
      <translation>Friends will be listed here. Adding friends arrives in the next version.</translation>
    </message>
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
    <name>Main</name>
    <message>
      <source>IMpTech</source>
      <translation>IMpTech</translation>
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
    <name>TitleBar</name>
    <message>
      <source>Back</source>
      <translation>Back</translation>
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
</TS>