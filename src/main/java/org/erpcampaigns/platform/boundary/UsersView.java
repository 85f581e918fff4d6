package org.erpcampaigns.platform.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJBAccessException;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.erpcampaigns.platform.control.Messages;
import org.erpcampaigns.platform.control.RuleException;
import org.erpcampaigns.platform.control.UserAccounts;
import org.primefaces.PrimeFaces;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * The admin's users page (admin/users.xhtml): the users with their roles, address and last login;
 * create, edit, disable or enable, reset a password; the audit of every change, paged in the
 * database. The rules are the directory's, so the page and the REST API refuse alike.
 */
@Named
@ViewScoped
public class UsersView implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject UserDirectory directory;
  @Inject LocaleView localeView;
  @Inject UserView userView;

  private List<UserDirectory.User> users = List.of();
  private LazyDataModel<UserDirectory.AuditEntry> audit;

  // the user dialog: editing is null for a new user
  private String editing;
  private String username;
  private String displayName;
  private String email;
  private List<String> roles = new ArrayList<>();
  private String password;
  private boolean generate = true;

  // the password dialog, and a generated password shown once
  private String resetting;
  private String newPassword;
  private boolean generateNew = true;
  private String shownPassword;
  private String shownFor;

  @PostConstruct
  void init() {
    audit = new AuditTable();
    load();
  }

  void load() {
    try {
      users = directory.list();
    } catch (SQLException e) {
      throw new IllegalStateException("the users cannot be read", e);
    }
  }

  /** Opens the dialog for a new user. */
  public void startNew() {
    editing = null;
    username = null;
    displayName = null;
    email = null;
    roles = new ArrayList<>(List.of(Roles.MARKETER));
    password = null;
    generate = true;
  }

  /** Opens the dialog for an existing user. */
  public void startEdit(UserDirectory.User u) {
    editing = u.username();
    username = u.username();
    displayName = u.displayName();
    email = u.email();
    roles = new ArrayList<>(u.roles());
    password = null;
  }

  public void save() {
    try {
      if (editing == null) {
        UserDirectory.Created created =
            directory.create(username, generate ? null : password, displayName, email, roles);
        showPassword(created.user().username(), created.generatedPassword());
        Feedback.info(text("admin.users.created", created.user().username()));
      } else {
        directory.update(editing, displayName, email == null ? "" : email, roles, null);
        Feedback.info(text("admin.users.saved", editing));
      }
      password = null;
      PrimeFaces.current().ajax().addCallbackParam("saved", true);
    } catch (RuleException e) {
      Feedback.error(e.localised(localeView.getLocale()));
    } catch (EJBAccessException e) {
      Feedback.error(text("error.forbidden"));
    } catch (SQLException e) {
      throw new IllegalStateException("the user cannot be saved", e);
    }
    load();
  }

  /** Disables an enabled user, enables a disabled one. */
  public void toggleEnabled(UserDirectory.User u) {
    try {
      directory.update(u.username(), null, null, null, !u.enabled());
      Feedback.info(
          text(u.enabled() ? "admin.users.disabled" : "admin.users.enabled", u.username()));
    } catch (RuleException e) {
      Feedback.error(e.localised(localeView.getLocale()));
    } catch (EJBAccessException e) {
      Feedback.error(text("error.forbidden"));
    } catch (SQLException e) {
      throw new IllegalStateException("the user cannot be changed", e);
    }
    load();
  }

  /** Opens the password dialog for a user. */
  public void startReset(UserDirectory.User u) {
    resetting = u.username();
    newPassword = null;
    generateNew = true;
  }

  public void resetPassword() {
    try {
      String generated = directory.resetPassword(resetting, generateNew ? null : newPassword);
      showPassword(resetting, generated);
      Feedback.info(text("admin.users.passwordReset", resetting));
      newPassword = null;
      PrimeFaces.current().ajax().addCallbackParam("saved", true);
    } catch (RuleException e) {
      Feedback.error(e.localised(localeView.getLocale()));
    } catch (EJBAccessException e) {
      Feedback.error(text("error.forbidden"));
    } catch (SQLException e) {
      throw new IllegalStateException("the password cannot be reset", e);
    }
    load();
  }

  /** Forgets the generated password once the admin has closed its dialog. */
  public void passwordSeen() {
    shownPassword = null;
    shownFor = null;
  }

  private void showPassword(String user, String generated) {
    shownPassword = generated;
    shownFor = generated == null ? null : user;
  }

  /** The audit's action in the reader's language. */
  public String action(String action) {
    return localeView.label("admin.users.action.", action);
  }

  public boolean isSelf(UserDirectory.User u) {
    return u.username().equals(userView.getName());
  }

  public List<String> getAllRoles() {
    return List.of(Roles.ADMIN, Roles.MARKETER, Roles.ANALYST);
  }

  public String getPasswordRule() {
    return text("admin.users.passwordRule", UserAccounts.MIN_PASSWORD_LENGTH);
  }

  private String text(String key, Object... args) {
    return Messages.get(localeView.getLocale(), key, args);
  }

  public List<UserDirectory.User> getUsers() {
    return users;
  }

  public LazyDataModel<UserDirectory.AuditEntry> getAudit() {
    return audit;
  }

  public boolean isCreating() {
    return editing == null;
  }

  public String getEditing() {
    return editing;
  }

  public String getUsername() {
    return username;
  }

  public void setUsername(String username) {
    this.username = username;
  }

  public String getDisplayName() {
    return displayName;
  }

  public void setDisplayName(String displayName) {
    this.displayName = displayName;
  }

  public String getEmail() {
    return email;
  }

  public void setEmail(String email) {
    this.email = email;
  }

  public List<String> getRoles() {
    return roles;
  }

  public void setRoles(List<String> roles) {
    this.roles = roles == null ? new ArrayList<>() : new ArrayList<>(roles);
  }

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }

  public boolean isGenerate() {
    return generate;
  }

  public void setGenerate(boolean generate) {
    this.generate = generate;
  }

  public String getResetting() {
    return resetting;
  }

  public String getNewPassword() {
    return newPassword;
  }

  public void setNewPassword(String newPassword) {
    this.newPassword = newPassword;
  }

  public boolean isGenerateNew() {
    return generateNew;
  }

  public void setGenerateNew(boolean generateNew) {
    this.generateNew = generateNew;
  }

  public String getShownPassword() {
    return shownPassword;
  }

  public String getShownFor() {
    return shownFor;
  }

  /** The audit, newest first, a page at a time from the database. */
  private class AuditTable extends LazyDataModel<UserDirectory.AuditEntry> {
    private static final long serialVersionUID = 1L;

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
      try {
        return (int) Math.min(Integer.MAX_VALUE, directory.auditCount(null));
      } catch (SQLException e) {
        throw new IllegalStateException("the users' audit cannot be read", e);
      }
    }

    @Override
    public List<UserDirectory.AuditEntry> load(
        int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
      try {
        return directory.audit(null, first, pageSize);
      } catch (SQLException e) {
        throw new IllegalStateException("the users' audit cannot be read", e);
      }
    }

    @Override
    public String getRowKey(UserDirectory.AuditEntry entry) {
      return String.valueOf(entry.id());
    }
  }
}
