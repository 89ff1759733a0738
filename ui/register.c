/*
 * register.c: creating an account (RELAIS_MODE=register).
 *
 * First the language, so that English speakers register in English.
 * Then, unless registration is closed, one form on one screen (a field
 * per row from 60 columns, label above field when narrower), checked
 * field by field with a message for each rule; nothing typed is lost on
 * an error. A summary asks for confirmation, then the account is created:
 * waiting for approval, or active at once when registration is open, in
 * which case the new member goes on to the main menu.
 */
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "i18n.h"
#include "log.h"
#include "relais.h"
#include "str.h"
#include "user.h"
#include "xmalloc.h"

#include "screens.h"
#include "ui.h"
#include "widget.h"

enum reg_state {
	REG_LANG,
	REG_CLOSED,
	REG_FORM,
	REG_SUMMARY,
};

enum {
	F_HANDLE,
	F_PW,
	F_PW2,
	F_REALNAME,
	F_ORG,
	F_REGION,
	F_EMAIL,
	F_SHOW,
	F_COUNT
};

/* Typing a handle longer than the limit gets a message, not a wall. */
#define REG_HANDLE_INPUT	64

struct reg {
	enum reg_state	state;
	struct wmenu	lang;
	struct wform	form;
	struct wfield	fields[F_COUNT];
};

static void		reg_enter(struct ui *);
static void		reg_draw(struct ui *);
static enum ui_next	reg_key(struct ui *, int, const struct screen **);
static void		reg_leave(struct ui *);
static enum ui_next	reg_fr(struct ui *, const struct screen **);
static enum ui_next	reg_en(struct ui *, const struct screen **);

const struct screen screen_register = {
	.name = "register",
	.enter = reg_enter,
	.draw = reg_draw,
	.key = reg_key,
	.leave = reg_leave,
	.help = N_("Registration. Fill in each field and press Enter to go "
	    "to the next one; the arrows or Tab move between fields without "
	    "checking. If something is not accepted, a message under the "
	    "form says why and what you typed stays there.\n"
	    "At the end you can check everything before the account is "
	    "created. Esc cancels the registration."),
};

/* Language names are shown in their own language, never translated. */
static const struct menu_item reg_lang_items[] = {
	{ .key = 'F', .label = "Fran\xc3\xa7" "ais", .action = reg_fr },
	{ .key = 'E', .label = "English", .action = reg_en },
	{ .key = 0 }
};

static void
reg_enter(struct ui *ui)
{
	struct reg	*g = xcalloc(1, sizeof *g);
	struct wform	*f = &g->form;

	g->state = REG_LANG;
	wmenu_init(&g->lang, reg_lang_items);
	g->lang.sel = strcmp(ui->conf->lang, "en") == 0 ? 1 : 0;
	wform_init(f, g->fields, F_COUNT);
	wform_field(f, F_HANDLE, N_("Handle"), N_("The name others will see: "
	    "letters without accents, digits, '-' and '_'."), WFIELD_TEXT,
	    REG_HANDLE_INPUT);
	wform_field(f, F_PW, N_("Password"), N_("Choose a password you do "
	    "not use elsewhere. It is not shown as you type."),
	    WFIELD_HIDDEN, RELAIS_PASSWORD_MAX);
	wform_field(f, F_PW2, N_("Password again"),
	    N_("Type the same password again."), WFIELD_HIDDEN,
	    RELAIS_PASSWORD_MAX);
	wform_field(f, F_REALNAME, N_("Real name"), N_("Your first and last "
	    "name, as your colleagues know you."), WFIELD_TEXT,
	    RELAIS_FIELD_MAX);
	wform_field(f, F_ORG, N_("Organisation"), N_("The community "
	    "organisation you work for."), WFIELD_TEXT, RELAIS_FIELD_MAX);
	wform_field(f, F_REGION, N_("Region"), N_("Your region or town "
	    "(optional)."), WFIELD_TEXT, RELAIS_FIELD_MAX);
	wform_field(f, F_EMAIL, N_("E-mail"), N_("Optional. Animators use it "
	    "to reach you."), WFIELD_TEXT, RELAIS_EMAIL_MAX);
	wform_field(f, F_SHOW, N_("Show my e-mail address to other members?"),
	    N_("Answer y (yes) or n (no), then press Enter."), WFIELD_YESNO,
	    0);
	ui_set_priv(ui, g);
}

static void
reg_leave(struct ui *ui)
{
	struct reg	*g = ui_priv(ui);

	wform_free(&g->form);
	free(g);
}

/*
 * Checks.
 */

static int
handle_chars_ok(const char *s)
{
	for (; *s != '\0'; s++) {
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || *s == '-' || *s == '_'))
			return (0);
	}
	return (1);
}

static int
check_handle(struct ui *ui, struct wform *f, int i)
{
	struct user	 u;
	const char	*s;

	winput_trim(&f->f[i].in);
	s = wform_text(f, i);
	switch (user_handle_valid(s)) {
	case RELAIS_OK:
		break;
	case RELAIS_ERR_TOOSHORT:
		wform_error(f, i, _("This handle is too short: at least %d "
		    "characters."), RELAIS_HANDLE_MIN);
		return (-1);
	case RELAIS_ERR_TOOBIG:
		wform_error(f, i, _("This handle is too long: at most %d "
		    "characters."), RELAIS_HANDLE_MAX);
		return (-1);
	default:
		if (handle_chars_ok(s))
			wform_error(f, i, _("This handle is reserved. Please "
			    "choose another one."));
		else
			wform_error(f, i, _("A handle may only contain "
			    "letters without accents, digits, '-' and '_'."));
		return (-1);
	}
	switch (user_find(ui->db, s, &u)) {
	case RELAIS_ERR_NOTFOUND:
		return (0);
	case RELAIS_OK:
		wform_error(f, i, _("This handle is already taken. Please "
		    "choose another one."));
		return (-1);
	default:
		wform_error(f, i, _("The handle could not be checked. Please "
		    "try again."));
		return (-1);
	}
}

static int
reg_check(struct ui *ui, struct wform *f, int i)
{
	switch (i) {
	case F_HANDLE:
		return (check_handle(ui, f, i));
	case F_PW:
		return (check_password(ui, f, i));
	case F_PW2:
		return (check_password_again(ui, f, i, F_PW));
	case F_REALNAME:
		return (check_field(ui, f, i, 1,
		    _("Please enter your real name.")));
	case F_ORG:
		return (check_field(ui, f, i, 1,
		    _("Please enter the name of your organisation.")));
	case F_REGION:
		return (check_field(ui, f, i, 0, NULL));
	case F_EMAIL:
		return (check_email(ui, f, i));
	case F_SHOW:
		return (check_answered(ui, f, i));
	}
	return (0);
}

/*
 * Drawing.
 */

static void
reg_draw_lang(struct ui *ui, struct reg *g)
{
	ui_title(ui, "Inscription / Registration");
	ui_put(ui, ui->body, 2, 2, "Choisissez votre langue.", ui->cols - 4,
	    A_NORMAL);
	ui_put(ui, ui->body, 3, 2, "Choose your language.", ui->cols - 4,
	    A_NORMAL);
	wmenu_draw(ui, &g->lang, 5, 1);
	ui_hint(ui, "F / E, Enter");
}

static void
reg_draw_form(struct ui *ui, struct reg *g)
{
	int	y;

	ui_title(ui, _("Registration"));
	y = 1 + ui_para(ui, 1, 1, ui->cols - 2, 2,
	    ui->conf->registration == CONF_REG_OPEN ?
	    _("Your account will be ready as soon as it is created.") :
	    _("An animator will approve your account before you can use "
	    "it."), A_NORMAL);
	wform_draw(ui, &g->form, y + 1);
	ui_hint(ui, _("Enter=Next  Up/Down=Move  F1=Help  Esc=Cancel"));
}

static void
reg_line(struct ui *ui, int y, const char *label, const char *value)
{
	ui_putf(ui, ui->body, y, 2, ui->cols - 4, A_NORMAL, _("%s: %s"),
	    label, value);
}

static void
reg_draw_summary(struct ui *ui, struct reg *g)
{
	struct wform	*f = &g->form;
	const char	*email = wform_text(f, F_EMAIL);
	int		 y = 2;

	ui_title(ui, _("Please check your registration"));
	reg_line(ui, y++, _("Handle"), wform_text(f, F_HANDLE));
	reg_line(ui, y++, _("Real name"), wform_text(f, F_REALNAME));
	reg_line(ui, y++, _("Organisation"), wform_text(f, F_ORG));
	reg_line(ui, y++, _("Region"), wform_text(f, F_REGION));
	reg_line(ui, y++, _("E-mail"), *email != '\0' ? email : _("(none)"));
	reg_line(ui, y++, _("E-mail shown to members"),
	    ui_yesno_label(f->f[F_SHOW].answer == 1));
	reg_line(ui, y++, _("Language"), strcmp(i18n_lang(), "en") == 0 ?
	    "English" : "Fran\xc3\xa7" "ais");
	y++;
	if (ui->conf->registration != CONF_REG_OPEN)
		y += 1 + ui_para(ui, y, 2, ui->cols - 4, 3, _("An animator "
		    "will have to approve your account."), A_NORMAL);
	ui_put(ui, ui->body, y, 2, _("Create this account? (y/n)"),
	    ui->cols - 4, A_BOLD);
	ui_hint(ui, _("y=Create  n=Correct"));
}

static void
reg_draw(struct ui *ui)
{
	struct reg	*g = ui_priv(ui);

	switch (g->state) {
	case REG_LANG:
		reg_draw_lang(ui, g);
		break;
	case REG_CLOSED:
		ui_title(ui, _("Registration"));
		ui_para(ui, 2, 2, ui->cols - 4, ui->rows - 3,
		    _("Registration is closed. To get an account, ask an "
		    "animator of the network or your organisation's contact "
		    "person: they can have an account created for you."),
		    A_NORMAL);
		ui_hint(ui, _("Press a key to leave."));
		break;
	case REG_FORM:
		reg_draw_form(ui, g);
		break;
	case REG_SUMMARY:
		reg_draw_summary(ui, g);
		break;
	}
}

/*
 * Keys.
 */

static enum ui_next
reg_lang(struct ui *ui, const char *lang)
{
	struct reg	*g = ui_priv(ui);

	ui_set_lang(ui, lang);
	g->state = ui->conf->registration == CONF_REG_CLOSED ? REG_CLOSED :
	    REG_FORM;
	return (UI_STAY);
}

static enum ui_next
reg_fr(struct ui *ui, const struct screen **next)
{
	(void)next;
	return (reg_lang(ui, "fr"));
}

static enum ui_next
reg_en(struct ui *ui, const struct screen **next)
{
	(void)next;
	return (reg_lang(ui, "en"));
}

static enum ui_next
reg_abandon(struct ui *ui, int yes, const struct screen **next)
{
	(void)next;
	if (yes)
		log_info("registration from %s abandoned", ui->addr);
	return (yes ? UI_QUIT : UI_STAY);
}

static enum ui_next
reg_create(struct ui *ui, struct reg *g, const struct screen **next)
{
	struct wform	*f = &g->form;
	struct user	 u;
	int64_t		 id;
	int		 r;

	memset(&u, 0, sizeof u);
	str_copy(u.handle, wform_text(f, F_HANDLE), sizeof u.handle);
	str_copy(u.realname, wform_text(f, F_REALNAME), sizeof u.realname);
	str_copy(u.organisation, wform_text(f, F_ORG), sizeof u.organisation);
	str_copy(u.region, wform_text(f, F_REGION), sizeof u.region);
	str_copy(u.email, wform_text(f, F_EMAIL), sizeof u.email);
	u.email_public = f->f[F_SHOW].answer == 1;
	u.role = USER_MEMBER;
	u.status = ui->conf->registration == CONF_REG_OPEN ? USER_ACTIVE :
	    USER_PENDING;
	str_copy(u.lang, i18n_lang(), sizeof u.lang);
	str_copy(u.charset, ui->ascii ? USER_CHARSET_ASCII :
	    USER_CHARSET_UTF8, sizeof u.charset);
	r = user_create(ui->db, &u, wform_text(f, F_PW), &id);
	switch (r) {
	case RELAIS_OK:
		break;
	case RELAIS_ERR_EXISTS:
		g->state = REG_FORM;
		wform_error(f, F_HANDLE, _("This handle is already taken. "
		    "Please choose another one."));
		return (UI_STAY);
	case RELAIS_ERR_DB:
	case RELAIS_ERR_BUSY:
	case RELAIS_ERR_SYSTEM:
	case RELAIS_ERR_NOMEM:
		ui_message(ui, _("Registration"), _("Your account could not "
		    "be created because of a problem on the server. Please "
		    "try again later."), NULL);
		return (UI_STAY);
	default:
		log_warn("user_create refused %s: %s", u.handle,
		    relais_strerror(r));
		g->state = REG_FORM;
		wform_error(f, F_HANDLE, _("Some information was not "
		    "accepted. Please check the form."));
		return (UI_STAY);
	}
	log_info("new account %s (%s) from %s", u.handle,
	    user_status_name(u.status), ui->addr);
	if (user_get(ui->db, id, &ui->user) != RELAIS_OK) {
		log_warn("cannot read back account %s", u.handle);
		return (UI_QUIT);
	}
	*next = login_begin(ui, 1);
	return (UI_REPLACE);
}

static enum ui_next
reg_key(struct ui *ui, int key, const struct screen **next)
{
	struct reg	*g = ui_priv(ui);
	enum ui_next	 r;

	switch (g->state) {
	case REG_LANG:
		if (wmenu_key(ui, &g->lang, key, &r, next))
			return (r);
		if (ui_key_back(key))
			return (UI_QUIT);
		break;
	case REG_CLOSED:
		return (UI_QUIT);
	case REG_FORM:
		switch (wform_key(ui, &g->form, key)) {
		case WFORM_FIELD:
			if (wform_enter(ui, &g->form, reg_check))
				g->state = REG_SUMMARY;
			break;
		case WFORM_CANCEL:
			ui_confirm(ui, _("Abandon the registration?"),
			    reg_abandon);
			break;
		default:
			break;
		}
		break;
	case REG_SUMMARY:
		if (ui_key_yes(key))
			return (reg_create(ui, g, next));
		if (ui_key_no(key) || ui_key_back(key))
			g->state = REG_FORM;
		break;
	}
	return (UI_STAY);
}
