/* Aller-vers: the journal's search is sent by POST, so that what is typed about a person never
 * goes into an address (server logs, Referer, history). Once its results are shown, this
 * page's history entry is turned into a plain visit of the journal: the back button and a
 * reload then show the journal again, instead of asking to send the form again.
 */
if (window.history && history.replaceState) history.replaceState(null, "", location.href);
