package org.erpcampaigns.tracking.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.erpcampaigns.tracking.control.BounceReasons.Verdict;
import org.erpcampaigns.tracking.entity.BounceReason;
import org.erpcampaigns.tracking.entity.BounceReason.Severity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Hard, soft or policy by reason: the server's words first, then its status, then its reply. */
class BounceReasonsTest {

  @ParameterizedTest(name = "{0} {1} → {3} {4}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          5.1.1 | 550 5.1.1 <a@b.example>: Recipient address rejected: User unknown | false | USER_UNKNOWN | HARD
          5.0.0 | 550 5.0.0 <a@b.example>: mailbox full | false | MAILBOX_FULL | SOFT
          5.2.2 | - | false | MAILBOX_FULL | SOFT
          5.0.0 | 550 Requested action not taken: mailbox unavailable (over quota) | false | MAILBOX_FULL | SOFT
          5.0.0 | smtp; 550 5.1.1 The email account that you tried to reach does not exist | false | USER_UNKNOWN | HARD
          5.7.1 | 554 5.7.1 Message rejected as spam by Content Filtering | false | CONTENT | POLICY
          5.7.1 | 550 5.7.1 Recipient address rejected: Access denied | false | POLICY | POLICY
          5.7.26 | - | false | AUTHENTICATION | POLICY
          5.7.1 | 550 5.7.1 Email rejected per DMARC policy for shop.example | false | AUTHENTICATION | POLICY
          5.7.1 | 550 5.7.1 Service unavailable; client [192.0.2.10] blocked using bl.spamcop.net | false | REPUTATION | POLICY
          5.7.1 | 550 5.7.1 IP reputation too low, see https://postmaster.example | false | REPUTATION | POLICY
          4.7.0 | 421 4.7.0 Try again later, closing connection. (too many connections) | false | RATE_LIMITED | SOFT
          4.7.1 | 450 4.7.1 Greylisted for 300 seconds | false | GREYLISTED | SOFT
          5.3.4 | 552 5.3.4 Message size exceeds fixed limit | false | MESSAGE_TOO_LARGE | SOFT
          5.1.2 | - | false | NO_SUCH_DOMAIN | HARD
          5.2.1 | 550 5.2.1 The email account that you tried to reach is disabled | false | MAILBOX_DISABLED | HARD
          4.1.1 | 450 4.1.1 <a@b.example>: Recipient address rejected: unverified address | true | DELAYED | SOFT
          4.4.1 | smtp; 450 connect to mx.example.net: Connection timed out | false | TEMPORARY | SOFT
          5.5.0 | 550 5.5.0 Requested action not taken | false | POLICY | POLICY
          5.0.0 | 554 Transaction failed | false | UNDELIVERABLE | HARD
          5.0.0 | smtp; 554 Service currently unavailable | false | TEMPORARY | SOFT
          5.7.1 | 554 5.7.1 Service unavailable; Client host [192.0.2.10] blocked using zen.spamhaus.org | false | REPUTATION | POLICY
          5.1.8 | 553 5.1.8 Domain of sender address news@shop.example does not exist | false | POLICY | POLICY
          5.1.6 | 550 5.1.6 Recipient address rejected: Destination mailbox has moved | false | USER_UNKNOWN | HARD
          5.1.1 | 550 5.1.1 Address rejected | false | USER_UNKNOWN | HARD
          5.0.0 | 550 Rejected | false | POLICY | POLICY
          5.4.6 | 554 5.4.6 Too many hops | false | TEMPORARY | SOFT
          5.4.1 | 550 5.4.1 Recipient address rejected: Access denied [x.prod.protection.outlook.com] | false | USER_UNKNOWN | HARD
          - | 503 Improper sequence of commands | false | POLICY | POLICY
          - | Connected to 192.0.2.1 but my name was rejected | false | POLICY | POLICY
          - | SMTP error from remote mail server after MAIL FROM:<news@shop.example>: 550 Unroutable sender address | false | POLICY | POLICY
          5.1.8 | 553 5.1.8 <news@shop.example>... Domain of sender      address shop.example does not exist | false | POLICY | POLICY
          - | The recipient server did not accept our requests to connect. [mx.example.net: socket error] | false | TEMPORARY | SOFT
          - | 552 Requested mail action aborted: exceeded storage allocation | false | MAILBOX_FULL | SOFT
          - | 550 unknown user | false | USER_UNKNOWN | HARD
          - | 451 Temporary local problem, please try later | false | TEMPORARY | SOFT
          """)
  void judgesByReason(
      String status, String text, boolean delayed, BounceReason reason, Severity severity) {
    assertEquals(new Verdict(reason, severity), BounceReasons.judge(status, text, delayed));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          550-5.7.26 Unauthenticated email | 5.7.26 | 550
          <mx #5.1.1> | 5.1.1 | -
          554: delivery error: dd This user | - | 554
          Recipient 192.0.2.10 refused | - | -
          """)
  void readsCodesInTheServersWords(String text, String status, String reply) {
    assertEquals(status, BounceReasons.statusIn(text));
    assertEquals(reply, BounceReasons.replyCode(text));
  }
}
