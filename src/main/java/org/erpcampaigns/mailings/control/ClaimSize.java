package org.erpcampaigns.mailings.control;

/**
 * How many rows a sender thread claims: about {@link #CLAIM_SECONDS} of its own recent sending (at
 * most the batch size; starting small, at most doubling from one claim to the next). A claim marks
 * its accepted rows SENT when it ends, so this keeps the progress page and the sent times within
 * seconds of the truth on a slow SMTP server as on a fast one.
 */
public final class ClaimSize {
  /** About how long one claim lasts (twice that at most, when the server slows down). */
  public static final long CLAIM_SECONDS = 2;

  private final int max;
  private int next;

  public ClaimSize(int max) {
    this.max = Math.max(1, max);
    this.next = Math.min(this.max, 50);
  }

  public int next() {
    return next;
  }

  /** After a claim that handled {@code rows} in {@code nanos}. */
  public void after(int rows, long nanos) {
    if (rows <= 0) {
      return;
    }
    long fit = (long) (rows * 1e9 / Math.max(1, nanos) * CLAIM_SECONDS);
    next = (int) Math.max(1, Math.min(max, Math.min(2L * next, fit)));
  }
}
