package org.erpcampaigns.mailings.control;

/**
 * A template that does not compile or that tries to reach beyond the data it is given: which part
 * (subject, HTML, text), the line and Pebble's reason.
 */
public class TemplateError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String part;
  private final int line;
  private final String reason;

  public TemplateError(String part, int line, String reason, Throwable cause) {
    super(part + " line " + line + ": " + reason, cause);
    this.part = part;
    this.line = line;
    this.reason = reason;
  }

  /** subject, html or text. */
  public String getPart() {
    return part;
  }

  public int getLine() {
    return line;
  }

  public String getReason() {
    return reason;
  }
}
