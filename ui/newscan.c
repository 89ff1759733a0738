/*
 * newscan.c: "new messages", the main menu's N.
 *
 * Walks every unread message of the areas the member follows and may
 * read, area by area in list order, oldest first. The walk is the reader
 * in its new-scan mode; this file finds where it starts and where it goes
 * next. Each message shown moves the read pointer (reader.c), so the
 * next question to msg_newscan() gets the one after it.
 */
#include "i18n.h"
#include "msg.h"
#include "relais.h"

#include "screens.h"
#include "ui.h"

int
newscan_next(struct ui *ui, int64_t *area_id, int64_t *msg_id)
{
	int	rc;

	if (forum_user_refresh(ui) != 0)
		return (RELAIS_ERR_DENIED);
	rc = msg_newscan(ui->db, &ui->user, area_id, msg_id);
	if (rc != RELAIS_OK && rc != RELAIS_ERR_NOTFOUND)
		ui_notice(ui, "%s", _("The new messages could not be read. "
		    "Please try again later."));
	return (rc);
}

enum ui_next
newscan_start(struct ui *ui, const struct screen **next)
{
	int64_t	area_id, msg_id;
	int	rc;

	if ((rc = newscan_next(ui, &area_id, &msg_id)) == RELAIS_ERR_NOTFOUND)
		ui_notice(ui, "%s", _("No new messages."));
	if (rc != RELAIS_OK)
		return (UI_STAY);
	return (reader_open(ui, READER_NEWSCAN, area_id, msg_id, NULL, next));
}
