"""The leaflet texts, per audience, in Swedish (the gettext source language)."""

from .model import N_, Audience, Bullets, Paragraph, Section, Topic

SECTIONS: dict[Audience, tuple[Section, ...]] = {
    # ------------------------------------------------------------------ victim
    Audience.victim: (
        Section(
            key="acute",
            heading=N_("Om du är i akut fara"),
            urgent=True,
            blocks=(
                Paragraph(N_("Ring {emergency} om du eller någon annan är i fara just nu. Säg var du är.")),
                Paragraph(N_("Om du inte talar svenska, säg vilket språk du talar.")),
                Paragraph(N_("Kan du inte ringa själv? Be någon annan att ringa.")),
            ),
        ),
        Section(
            key="what-is-violence",
            heading=N_("Vad är våld?"),
            blocks=(
                Paragraph(N_("Våld är allt som någon gör för att skada, skrämma eller kontrollera dig. Det kan vara:")),
                Bullets(
                    (
                        N_("Fysiskt våld: slag, sparkar, knuffar eller stryptag."),
                        N_("Psykiskt våld: hot, kränkningar eller kontroll."),
                        N_("Sexuellt våld: att någon tvingar eller pressar dig till sex."),
                        N_("Ekonomiskt våld: att någon tar eller styr över dina pengar."),
                        N_("Digitalt våld: att någon kontrollerar din mobil eller sprider bilder på dig."),
                        N_("Hedersrelaterat våld: att familjen eller släkten kontrollerar dig för att skydda familjens rykte."),
                        N_("Försummelse: att du inte får mat, medicin eller hjälp som du behöver."),
                    )
                ),
            ),
        ),
        Section(
            key="not-your-fault",
            heading=N_("Det är inte ditt fel"),
            blocks=(
                Paragraph(N_("Det är aldrig ditt fel att någon använder våld mot dig. Den som använder våld är ansvarig för det.")),
                Paragraph(N_("Det är vanligt att känna skam eller skuld. Du har ändå rätt till stöd.")),
            ),
        ),
        Section(
            key="crime",
            heading=N_("Våld är ett brott"),
            blocks=(
                Paragraph(N_("I Sverige är våld ett brott, också inom familjen och i ett äktenskap.")),
                Paragraph(N_("Barn som ser eller hör våld mellan vuxna är själva brottsoffer. Sedan 2021 finns brottet barnfridsbrott.")),
                Paragraph(N_("Du kan polisanmäla. Du kan också få stöd utan att anmäla.")),
            ),
        ),
        Section(
            key="rights",
            heading=N_("Dina rättigheter"),
            blocks=(
                Bullets(
                    (
                        N_("Socialtjänsten i din kommun ska ge dig stöd, till exempel samtal och hjälp med din säkerhet."),
                        N_("Socialtjänsten kan hjälpa dig till skyddat boende, en säker plats att bo på. Dina barn kan följa med."),
                        N_("Du har rätt till tolk i kontakt med myndigheter. Det är gratis för dig. Tolken har tystnadsplikt."),
                        N_("Du kan ansöka om skyddade personuppgifter hos Skatteverket. Då blir det svårare att hitta var du bor."),
                        N_("Du kan begära kontaktförbud hos polisen. Då får personen inte kontakta dig. Det är åklagaren som beslutar."),
                        N_("En läkare kan undersöka och skriva ner dina skador. Polisen kan be om ett rättsintyg från läkaren."),
                        N_("Om du polisanmäler kan du i många fall få ett målsägandebiträde, en jurist som staten betalar."),
                        N_("Dina barn har rätt till eget stöd."),
                    )
                ),
                Paragraph(N_("Brottsofferjouren är en ideell förening som ger gratis stöd till den som har utsatts för brott.")),
            ),
        ),
        Section(
            key="honour",
            heading=N_("Hedersrelaterat våld och förtryck"),
            topics=frozenset({Topic.honour}),
            blocks=(
                Paragraph(N_("Det kan vara att familjen eller släkten styr vem du träffar eller gifter dig med, för att skydda familjens rykte.")),
                Paragraph(N_("Tvångsäktenskap och barnäktenskap är brott i Sverige. Det är också ett brott att lura eller tvinga någon att resa utomlands för att gifta bort hen.")),
                Paragraph(N_("Du kan få stöd och skydd, också mot din familj.")),
            ),
        ),
        Section(
            key="trafficking",
            heading=N_("Prostitution och människohandel"),
            topics=frozenset({Topic.trafficking}),
            blocks=(
                Paragraph(N_("Att köpa sex är ett brott i Sverige. Att sälja sex är inte ett brott.")),
                Paragraph(N_("Människohandel är när någon lurar, hotar eller tvingar en person för att utnyttja hen, till exempel för sex eller arbete. Det är ett brott.")),
                Paragraph(N_("Du kan få stöd, även om du inte har uppehållstillstånd i Sverige. Socialtjänsten i din kommun och Polisen kan hjälpa dig.")),
            ),
        ),
        Section(
            key="sexual",
            heading=N_("Sexuellt våld"),
            topics=frozenset({Topic.sexual}),
            blocks=(
                Paragraph(N_("Sex ska alltid vara frivilligt, också i en relation. Sex med någon som inte deltar frivilligt är våldtäkt.")),
                Paragraph(N_("Att du inte sa nej betyder inte att du ville.")),
                Paragraph(N_("Om du har blivit våldtagen:")),
                Bullets(
                    (
                        N_("Sök vård så snart du kan."),
                        N_("Akutmottagningen för våldtagna på Södersjukhuset i Stockholm tar emot alla från 13 år, dygnet runt."),
                        N_("Tvätta inte kläderna. Ta med dem i en papperspåse."),
                        N_("Du bestämmer själv om du vill polisanmäla."),
                    )
                ),
            ),
        ),
        Section(
            key="safety",
            heading=N_("Tänk på din säkerhet"),
            blocks=(
                Bullets(
                    (
                        N_("Gör en säkerhetsplan: vart kan du ta vägen och vem kan du ringa? Socialtjänsten i din kommun kan hjälpa dig."),
                        N_("Mobilen: stäng av platsdelning, rensa historiken och leta efter appar du inte känner igen. Tänk på att den som kontrollerar dig kan märka ändringar."),
                        N_("Packa en väska med id-handlingar, pengar, nycklar, mediciner och viktiga papper. Lämna den hos någon du litar på."),
                        N_("Bestäm ett kodord med någon du litar på. Får hen ordet ska hen ringa {emergency}."),
                    )
                ),
            ),
        ),
    ),
    # ------------------------------------------------------------------- youth
    Audience.youth: (
        Section(
            key="acute",
            heading=N_("Om du är i fara"),
            urgent=True,
            blocks=(
                Paragraph(N_("Ring {emergency} om du eller någon annan är i fara just nu. Säg var du är.")),
                Paragraph(N_("Kan du inte ringa? Be någon annan om hjälp.")),
            ),
        ),
        Section(
            key="what-is-violence",
            heading=N_("Vad är våld?"),
            blocks=(
                Paragraph(N_("Våld är när någon skadar, hotar eller kontrollerar dig, till exempel en förälder eller någon du är ihop med.")),
                Bullets(
                    (
                        N_("Någon slår, sparkar eller håller fast dig."),
                        N_("Någon hotar dig eller bestämmer vem du får träffa."),
                        N_("Någon pressar dig till sex eller att skicka nakenbilder."),
                        N_("Någon sprider nakenbilder på dig, eller hotar att göra det."),
                        N_("Någon kontrollerar din mobil och dina sociala medier."),
                        N_("Din familj styr ditt liv för att skydda familjens rykte."),
                    )
                ),
            ),
        ),
        Section(
            key="not-your-fault",
            heading=N_("Det är inte ditt fel"),
            blocks=(
                Paragraph(N_("Det är aldrig ditt fel att någon skadar dig.")),
                Paragraph(N_("Våld är ett brott i Sverige, också inom familjen och i en relation. Föräldrar får inte slå sina barn.")),
                Paragraph(N_("Det är ett brott att sprida nakenbilder på någon annan.")),
                Paragraph(N_("Om du ser eller hör våld mellan vuxna hemma är du också ett brottsoffer.")),
            ),
        ),
        Section(
            key="help",
            heading=N_("Du kan få hjälp"),
            blocks=(
                Paragraph(N_("Du kan prata med någon även om du inte vill polisanmäla.")),
                Bullets(
                    (
                        N_("Socialtjänsten i din kommun hjälper barn och unga som har det svårt. Du har rätt att kontakta dem själv, utan dina föräldrar."),
                        N_("Skolsköterskan och kuratorn i skolan kan lyssna och hjälpa dig vidare."),
                        N_("På ungdomsmottagningen kan du prata om kropp, sex, relationer och hur du mår."),
                        N_("BRIS är till för alla under 18 år. Du kan ringa eller chatta gratis, och du behöver inte säga vem du är."),
                    )
                ),
                Paragraph(N_("Om du är under 18 måste vuxna i skolan och vården säga till socialtjänsten om de är oroliga för dig. Det är för att du ska få hjälp.")),
            ),
        ),
        Section(
            key="honour",
            heading=N_("Heder och kontroll"),
            topics=frozenset({Topic.honour}),
            blocks=(
                Paragraph(N_("Ibland styr familjen vilka vänner du har, vem du blir kär i eller vem du ska gifta dig med. Det är hedersrelaterat förtryck.")),
                Paragraph(N_("Ingen får tvinga dig att gifta dig. Tvångsäktenskap och barnäktenskap är brott i Sverige. Det är också ett brott att lura eller tvinga någon att resa utomlands för att gifta bort hen.")),
                Paragraph(N_("Är du rädd att bli tagen utomlands? Berätta för socialtjänsten, kuratorn eller polisen före resan. Det finns sätt att stoppa den.")),
            ),
        ),
        Section(
            key="sexual",
            heading=N_("Sex och samtycke"),
            topics=frozenset({Topic.sexual}),
            blocks=(
                Paragraph(N_("Sex ska alltid vara frivilligt. Annars är det våldtäkt. Att du inte sa nej betyder inte att du ville.")),
                Paragraph(N_("Har någon gjort något sexuellt mot dig? Sök vård snabbt. Akutmottagningen för våldtagna på Södersjukhuset i Stockholm tar emot alla från 13 år, dygnet runt.")),
                Paragraph(N_("Tvätta inte kläderna. Du kan få vård även om du inte polisanmäler.")),
            ),
        ),
        Section(
            key="trafficking",
            heading=N_("Sex mot betalning"),
            topics=frozenset({Topic.trafficking}),
            blocks=(
                Paragraph(N_("Om någon ger dig pengar, saker eller något annat för sex och du är under 18, är det den personen som begår ett brott.")),
                Paragraph(N_("Att köpa sex är ett brott i Sverige. Att sälja sex är inte ett brott.")),
                Paragraph(N_("Ingen får lura, hota eller tvinga dig att sälja sex. Det kan vara människohandel. Du har rätt till stöd.")),
            ),
        ),
        Section(
            key="safety",
            heading=N_("Tänk på din säkerhet"),
            blocks=(
                Bullets(
                    (
                        N_("Stäng av platsdelning om någon använder den för att kontrollera dig. Byt lösenord."),
                        N_("Rensa historiken om någon kan se vad du söker på."),
                        N_("Bestäm ett kodord med någon du litar på. Får hen ordet ska hen ringa {emergency}."),
                    )
                ),
            ),
        ),
    ),
    # ------------------------------------------------------------------- child
    Audience.child: (
        Section(
            key="acute",
            heading=N_("Om det är farligt just nu"),
            urgent=True,
            blocks=(
                Paragraph(N_("Ring {emergency} om du eller någon annan är i fara. Säg var du är.")),
                Paragraph(N_("Gå till en granne eller ett annat säkert ställe om du kan.")),
                Paragraph(N_("Försök inte stoppa våldet själv.")),
            ),
        ),
        Section(
            key="not-your-fault",
            heading=N_("Det är aldrig ditt fel"),
            blocks=(
                Paragraph(N_("Ingen får slå dig eller göra dig illa. Inte heller dina föräldrar.")),
                Paragraph(N_("Vuxna får inte slå eller skada varandra hemma.")),
                Paragraph(N_("Om det händer hemma hos dig är det aldrig ditt fel. Du ska inte lösa det själv.")),
            ),
        ),
        Section(
            key="tell",
            heading=N_("Berätta för någon"),
            blocks=(
                Paragraph(
                    N_("Berätta för en vuxen som du litar på. Det kan vara din lärare, skolsköterskan eller någon i din släkt.")
                ),
                Paragraph(N_("Om den vuxna inte lyssnar, berätta för någon annan.")),
            ),
        ),
        Section(
            key="bris",
            heading=N_("Du kan prata med BRIS"),
            blocks=(
                Paragraph(N_("BRIS är till för barn. Du kan ringa eller chatta med BRIS.")),
                Paragraph(N_("Det är gratis. Du behöver inte säga vad du heter.")),
                Paragraph(N_("Du kan prata om allt, både stora och små saker.")),
            ),
        ),
    ),
    # ------------------------------------------------------------- perpetrator
    Audience.perpetrator: (
        Section(
            key="acute",
            heading=N_("Om du är nära att använda våld"),
            urgent=True,
            blocks=(
                Paragraph(
                    N_("Gå därifrån innan du skadar någon. Kom tillbaka först när du är lugn.")
                ),
                Paragraph(
                    N_("Ring {emergency} om någon är skadad eller i fara.")
                ),
            ),
        ),
        Section(
            key="change",
            heading=N_("Det går att förändras"),
            blocks=(
                Paragraph(
                    N_("Att du läser det här kan vara ett första steg. Många som har använt våld har lärt sig att sluta.")
                ),
                Paragraph(N_("Det är modigt att söka hjälp. Det är aldrig för sent att börja.")),
            ),
        ),
        Section(
            key="crime",
            heading=N_("Våld är ett brott"),
            blocks=(
                Paragraph(
                    N_("I Sverige är våld ett brott, också inom familjen och i ett äktenskap. Det gäller slag, hot och sex när den andra inte vill.")
                ),
                Paragraph(
                    N_("Du är ansvarig för det du gör. Stress, alkohol eller ett bråk gör inte våldet till någon annans fel. Men du kan välja att göra på ett annat sätt.")
                ),
            ),
        ),
        Section(
            key="help",
            heading=N_("Du kan få hjälp att sluta"),
            blocks=(
                Bullets(
                    (
                        N_("Välj att sluta är en stödtelefon för dig som har använt våld mot en partner eller någon i familjen. Du kan vara anonym."),
                        N_("Socialtjänsten i din kommun kan ge dig stöd och samtal. De kan också berätta om program för den som vill sluta använda våld."),
                        N_("I ett program, ensam eller i grupp, får du hjälp att förstå ditt våld och lära dig andra sätt att hantera konflikter."),
                        N_("Om du använder alkohol eller droger kan du också få hjälp med det."),
                    )
                ),
            ),
        ),
        Section(
            key="warning-signs",
            heading=N_("Lär känna dina varningssignaler"),
            blocks=(
                Paragraph(
                    N_("Lägg märke till vad som händer i kroppen och i tankarna innan du blir våldsam. Du kanske blir spänd, höjer rösten eller tänker att den andra får skylla sig själv.")
                ),
                Paragraph(N_("Ta en paus (time-out) när du märker signalerna:")),
                Bullets(
                    (
                        N_("Säg att du behöver en paus och gå därifrån."),
                        N_("Gör något lugnt, till exempel gå en promenad. Drick inte alkohol."),
                        N_("Kom tillbaka och prata när du är lugn."),
                        N_("Kom gärna överens om pausen i förväg, när ni båda är lugna."),
                    )
                ),
            ),
        ),
        Section(
            key="children",
            heading=N_("Barn påverkas"),
            blocks=(
                Paragraph(
                    N_("Barn som ser eller hör våld påverkas, även om de är i ett annat rum. Sedan 2021 är det ett eget brott när ett barn ser eller hör våld mellan närstående. Det heter barnfridsbrott.")
                ),
                Paragraph(
                    N_("Att sluta med våldet är det bästa du kan göra för dina barn. Socialtjänsten kan också ge stöd till barnen.")
                ),
            ),
        ),
        Section(
            key="honour",
            heading=N_("Heder och kontroll"),
            topics=frozenset({Topic.honour}),
            blocks=(
                Paragraph(
                    N_("Att bestämma över en familjemedlems liv för att skydda familjens rykte är också våld. Tvångsäktenskap och hedersförtryck är brott i Sverige.")
                ),
                Paragraph(N_("Du kan få stöd att göra på ett annat sätt, även om andra i familjen pressar dig.")),
            ),
        ),
    ),
    # ---------------------------------------------------------------- relative
    Audience.relative: (
        Section(
            key="acute",
            heading=N_("Om någon är i akut fara"),
            urgent=True,
            blocks=(
                Paragraph(N_("Ring {emergency} om någon är i fara just nu. Säg var personen är.")),
                Paragraph(N_("Gå inte in i en farlig situation själv.")),
            ),
        ),
        Section(
            key="signs",
            heading=N_("Tecken på våld"),
            blocks=(
                Paragraph(N_("Det kan vara svårt att se att någon utsätts för våld. Några tecken kan vara:")),
                Bullets(
                    (
                        N_("Personen har skador som hen inte vill förklara."),
                        N_("Personen träffar vänner och familj allt mindre."),
                        N_("Personen verkar rädd, ledsen eller orolig för hur partnern eller familjen ska reagera."),
                        N_("Någon annan kontrollerar personens pengar, mobil eller vart hen går."),
                    )
                ),
            ),
        ),
        Section(
            key="support",
            heading=N_("Så kan du stödja"),
            blocks=(
                Bullets(
                    (
                        N_("Fråga hur personen mår. Välj ett tillfälle när ni är ensamma."),
                        N_("Lyssna och tro på det som personen berättar."),
                        N_("Lägg inte skulden på personen. Säg att det inte är hens fel."),
                        N_("Prata inte med den som använder våld om det du vet. Det kan göra det farligare för den som är utsatt."),
                        N_("Respektera personens egna beslut, även om du inte håller med. Det kan vara svårt och farligt att lämna. Fortsätt att finnas där."),
                        N_("Erbjud praktisk hjälp, till exempel att följa med till socialtjänsten, polisen eller vården."),
                    )
                ),
            ),
        ),
        Section(
            key="support-for-you",
            heading=N_("Stöd till dig som anhörig"),
            blocks=(
                Paragraph(
                    N_("Kvinnofridslinjen är en stödtelefon om våld mot kvinnor. Du kan ringa dit själv som anhörig eller vän och få råd. Du kan vara anonym.")
                ),
                Paragraph(
                    N_("Brottsofferjouren är en ideell förening som stöder den som har utsatts för brott. Där kan också anhöriga få stöd.")
                ),
            ),
        ),
        Section(
            key="children",
            heading=N_("Om barn far illa"),
            blocks=(
                Paragraph(
                    N_("Tror du att ett barn far illa, till exempel ser eller hör våld hemma? Då kan du göra en orosanmälan till socialtjänsten i kommunen. Det betyder att du berättar för socialtjänsten att du är orolig för barnet.")
                ),
                Paragraph(N_("Du kan göra en orosanmälan utan att säga ditt namn.")),
            ),
        ),
        Section(
            key="honour",
            heading=N_("Om det gäller heder"),
            topics=frozenset({Topic.honour}),
            blocks=(
                Paragraph(
                    N_("Vid hedersrelaterat våld kan hela familjen eller släkten vara inblandad. Prata inte med familjen om det du vet, om inte personen själv vill det. Det kan öka faran.")
                ),
                Paragraph(
                    N_("Är du rädd att någon ska föras utomlands för att giftas bort? Kontakta socialtjänsten eller polisen så snart som möjligt.")
                ),
            ),
        ),
        Section(
            key="sexual",
            heading=N_("Om någon har utsatts för sexuellt våld"),
            topics=frozenset({Topic.sexual}),
            blocks=(
                Paragraph(
                    N_("Lyssna och tro på personen. Hjälp hen att söka vård så snart som möjligt. Akutmottagningen för våldtagna på Södersjukhuset i Stockholm tar emot alla från 13 år, dygnet runt.")
                ),
                Paragraph(N_("Låt personen själv bestämma om hen vill polisanmäla.")),
            ),
        ),
    ),
}

# one line under the leaflet title, per audience
INTRO: dict[Audience, str] = {
    Audience.victim: N_("Här kan du läsa om våld, dina rättigheter och var du kan få hjälp. Du är inte ensam."),
    Audience.youth: N_("Här kan du läsa om våld, dina rättigheter och vem du kan prata med. Du är inte ensam."),
    Audience.child: N_("Här kan du läsa vad du kan göra om någon gör dig illa. Du är inte ensam."),
    Audience.perpetrator: N_("Du kan sluta använda våld. Här kan du läsa hur du kan få hjälp."),
    Audience.relative: N_("Här kan du läsa hur du kan stödja någon som utsätts för våld."),
}

# Introduction above the contact list, per audience
CONTACTS_INTRO: dict[Audience, str] = {
    Audience.victim: N_("Här kan du få stöd och hjälp. Du kan höra av dig även om du inte vet vad du vill göra."),
    Audience.youth: N_("Här kan du få stöd. Du kan höra av dig även om du inte är säker på att det är våld."),
    Audience.child: N_("Här är några som du kan ringa eller prata med."),
    Audience.perpetrator: N_("Här kan du få hjälp att sluta använda våld."),
    Audience.relative: N_("Här kan du få råd och stöd, både för dig själv och för den du är orolig för."),
}
