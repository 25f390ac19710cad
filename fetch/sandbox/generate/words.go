package generate

import "strings"

// The fixed lists names and labels are drawn from, kept as constants (split
// per run) so that the package holds no mutable state.
const (
	firstNamesF = "Emma|Olivia|Ava|Sophia|Isabella|Mia|Charlotte|Amelia|Harper|Evelyn|Abigail|Emily|Ella|Grace|Chloe|" +
		"Zoë|Renée|Chloé|Ingrid|Priya|Aisha|Mei|Sofía|Fatima|Hannah|Nora|Lucia|Maya|Leah|Claire|Danielle|Rachel|" +
		"Monique|Keiko|Anouk|Małgorzata|Björk|Siobhán|Elena|Rosa"
	firstNamesM = "Liam|Noah|Oliver|Elijah|James|William|Benjamin|Lucas|Henry|Alexander|Daniel|Michael|Ethan|" +
		"José|Łukasz|François|Jürgen|André|Raj|Wei|Kwame|Omar|Mateo|Diego|Hiroshi|Sven|Thomas|Marcus|David|Samuel|" +
		"Aaron|Nathan|Isaac|Gabriel|Tomás|Søren|Andrés|Felix|Patrick|Victor"
	lastNames = "Smith|Johnson|Williams|Brown|Jones|Garcia|Miller|Davis|Rodriguez|Martinez|Hernandez|Lopez|Gonzalez|" +
		"Wilson|Anderson|Thomas|Taylor|Moore|Jackson|Martin|Lee|Perez|Thompson|White|Harris|Sanchez|Clark|Ramirez|" +
		"Lewis|Robinson|Walker|Young|Allen|King|Wright|Scott|Torres|Nguyen|Hill|Flores|Green|Adams|Nelson|Baker|" +
		"Hall|Rivera|Campbell|Mitchell|Carter|Roberts|Müller|Nowak|Kowalski|O'Brien|Dubois|Ødegaard|Núñez|Schäfer|" +
		"Fernández|Patel|Kim|Chen|Okafor|Yamamoto|Andersson|Rossi|Papadopoulos|Murphy|Byrne"

	// US cities: city, state, ZIP prefix.
	usCities = "New York,NY,100|Brooklyn,NY,112|Boston,MA,021|Philadelphia,PA,191|Newark,NJ,071|Hartford,CT,061|" +
		"Atlanta,GA,303|Miami,FL,331|Chicago,IL,606|Austin,TX,787|Denver,CO,802|Seattle,WA,981|" +
		"San Francisco,CA,941|Charlotte,NC,282|Raleigh,NC,276|Pittsburgh,PA,152|Baltimore,MD,212"
	euCities = "Berlin,BE,DE,10|Munich,BY,DE,80|Paris,IDF,FR,75|Lyon,ARA,FR,69|Madrid,MD,ES,28|Amsterdam,NH,NL,10|Dublin,D,IE,D0"
	ukCities = "London,LND,GB,EC1|Manchester,MAN,GB,M1|Edinburgh,EDH,GB,EH1|Bristol,BST,GB,BS1"
	streets  = "Main St|Oak Ave|Maple Dr|Cedar Ln|Park Ave|Elm St|Washington Blvd|Lake Rd|Hill St|Pine Ct|" +
		"Market St|Church Rd|River Way|Sunset Blvd|Highland Ave"

	companyHeads = "Northwind|Brightline|Summit|Bluewater|Keystone|Ironwood|Clearview|Redwood|Silverline|Harbor|" +
		"Evergreen|Pinnacle|Cobalt|Meridian|Lakeside|Granite|Horizon|Sterling|Crescent|Beacon"
	companyTails = "Analytics|Health|Logistics|Partners|Foods|Software|Capital|Design|Energy|Manufacturing"

	projectNames = "Career transition|Quarterly goals|Health & energy|Team leadership|Business growth|" +
		"Work-life balance|Public speaking|Job search"
	actionTexts = "Draft your 90-day plan|Schedule a skip-level meeting|Update your résumé|Block two focus hours daily|" +
		"Walk 30 minutes after lunch|Write down three wins each Friday|Ask for feedback from a peer|" +
		"Prepare talking points for the board|Read chapter 3 of Atomic Habits|Call two former colleagues|" +
		"Delegate one recurring task|Review last month's budget|Practise the pitch out loud|Book the annual check-up|" +
		"Send the proposal to the client|Journal for ten minutes each morning"
	wins = "Closed the Henderson deal|Finally said no to an extra project|Ran a calm, focused team meeting|" +
		"Slept 8 hours four nights in a row|Got positive feedback from my manager|Finished the certification|" +
		"Hired a new team lead|Kept my Friday afternoons free|Presented to the executive team|Doubled weekly outreach|" +
		"Paid off the business credit card|Started delegating reporting|Had the difficult conversation"
	focuses = "Delegation|Time blocking|Stakeholder management|Confidence in meetings|Pricing|Hiring|Exercise routine|" +
		"Boundaries|Strategic thinking|Giving feedback|Networking|Sleep habits"
	obstacles = "Too many meetings|Unclear priorities|Low energy in the afternoon|Perfectionism|Team turnover|" +
		"Cash flow|Travel schedule|Procrastination"
	insights = "Energy follows clarity|Saying no protects the yes|Small daily steps beat big pushes|" +
		"Feedback is a gift|Plan the week on Sunday evening|Protect the mornings for deep work"
)

// words are the lists of one run, split from the constants above.
type words struct {
	firstF, firstM, last, us, eu, uk, streets []string
	companyHeads, companyTails                []string
	projects, actions, wins, focuses          []string
	obstacles, insights                       []string
}

func newWords() words {
	sp := func(s string) []string { return strings.Split(s, "|") }
	return words{
		firstF: sp(firstNamesF), firstM: sp(firstNamesM), last: sp(lastNames),
		us: sp(usCities), eu: sp(euCities), uk: sp(ukCities), streets: sp(streets),
		companyHeads: sp(companyHeads), companyTails: sp(companyTails),
		projects: sp(projectNames), actions: sp(actionTexts), wins: sp(wins), focuses: sp(focuses),
		obstacles: sp(obstacles), insights: sp(insights),
	}
}

// asciiFold turns a name into a lower-case ASCII e-mail part ("Zoë" -> "zoe").
func asciiFold(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case strings.ContainsRune("àáâãäå", r):
			b.WriteByte('a')
		case strings.ContainsRune("èéêë", r):
			b.WriteByte('e')
		case strings.ContainsRune("ìíîï", r):
			b.WriteByte('i')
		case strings.ContainsRune("òóôõöø", r):
			b.WriteByte('o')
		case strings.ContainsRune("ùúûü", r):
			b.WriteByte('u')
		case r == 'ñ' || r == 'ń':
			b.WriteByte('n')
		case r == 'ç' || r == 'ć':
			b.WriteByte('c')
		case r == 'ł':
			b.WriteByte('l')
		case r == 'ß':
			b.WriteString("ss")
		case r == 'ś':
			b.WriteByte('s')
		case r == 'ż' || r == 'ź':
			b.WriteByte('z')
		case r == 'ę':
			b.WriteByte('e')
		case r == 'ą':
			b.WriteByte('a')
		}
	}
	return b.String()
}
