"""Texts of the public pages around the leaflets: staying safe online, and a municipality's
landing page. Readers see them in their own language, like the leaflets."""

from .model import N_

SAFETY_TITLE = N_("Att vara säker på nätet")
SAFETY_INTRO = N_("Den som utövar våld kan ibland se vad du gör på telefonen eller datorn. Det här kan du göra för att vara säkrare.")
# What the platform allows without scripts, said plainly: the pages' script replaces each
# page in the history, a plain link cannot. The leaflet repeats it when scripts are off.
NO_SCRIPT = N_("Utan JavaScript kan knappen Tillbaka fortfarande visa sidorna du har läst här. Stäng fliken när du är klar.")
SAFETY_ADVICE = (
    N_("Knappen ”{quick_exit}” tar dig direkt till en annan webbplats. På en dator kan du också trycka på Esc."),
    N_("Du kan också trycka snabbt tre gånger på Skift-tangenten."),
    NO_SCRIPT,
    N_("Öppna sidan i ett privat fönster (inkognito) i webbläsaren. Då sparas den inte i historiken."),
    N_("Om du inte använde ett privat fönster: ta bort den här sidan ur webbläsarens historik. Ta bara bort det du själv har besökt, så att det inte märks."),
    N_("Använd om du kan en telefon eller dator som den som utövar våld inte kommer åt, till exempel på ett bibliotek eller hos någon du litar på."),
    N_("Någon kan ha tillgång till din e-post, dina konton eller din telefon, till exempel genom en app som visar var du är. Byt lösenord från en enhet som bara du använder."),
    N_("Samtal syns i telefonens samtalslista. Ta bort samtalet efteråt om det behövs. Vissa stödlinjer syns inte på telefonräkningen."),
    N_("Den här webbplatsen sparar inga kakor och inga uppgifter om vem du är."),
)
SAFETY_LINK = N_("Så är du säker på nätet")

CHOOSE_LANGUAGE = N_("Välj språk")
CHOOSE_AUDIENCE = N_("Vem är informationen till för?")
BACK_TO_LEAFLET = N_("Tillbaka till informationen")

# The start page and a language's list of municipalities; the title names no subject
SITE_TITLE = N_("Information")
CHOOSE_MUNICIPALITY = N_("Välj din kommun")

NOT_FOUND_TITLE = N_("Sidan finns inte")
NOT_FOUND_HELP = N_("Kontrollera adressen, eller välj här nedanför.")
