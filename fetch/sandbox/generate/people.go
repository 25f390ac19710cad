package generate

import (
	"fmt"
	"slices"
	"strings"

	"github.com/careport/careport/fetch/sandbox/account"
)

// clientPlan is a client with the facts the rest of the generator needs.
type clientPlan struct {
	c         *account.Client
	join      account.Date
	leave     account.Date // last active day; 0 while active
	currency  string
	taxRate   account.Fixed
	retainer  bool          // billed a monthly retainer rather than per engagement
	fee       account.Cents // monthly retainer, or price per package month
	primaries []primaryPeriod
	projects  []*account.ActionProject
	engs      []*account.Engagement
}

// primaryPeriod says who the primary coach was from a day on.
type primaryPeriod struct {
	from  account.DateTime
	coach int
}

// limit is the last day the client is active (AsOf for active clients).
func (p *clientPlan) limit(asOf account.Date) account.Date {
	if p.leave != 0 {
		return p.leave
	}
	return asOf
}

// coachAt returns the client's primary coach on day d.
func (p *clientPlan) coachAt(d account.Date) int {
	id := p.primaries[0].coach
	for _, pp := range p.primaries[1:] {
		if pp.from.Date() <= d {
			id = pp.coach
		}
	}
	return id
}

type person struct {
	first, last, gender string
}

func (g *gen) person() person {
	if g.chance(50) {
		return person{pick(g, g.w.firstF), pick(g, g.w.last), "F"}
	}
	if g.chance(4) {
		return person{pick(g, g.w.firstF), pick(g, g.w.last), "U"}
	}
	return person{pick(g, g.w.firstM), pick(g, g.w.last), "M"}
}

// email makes a unique address for a person at domain.
func (g *gen) email(p person, domain string) string {
	local := asciiFold(p.first) + "." + asciiFold(p.last)
	n := g.emails[local+"@"+domain]
	g.emails[local+"@"+domain] = n + 1
	if n > 0 {
		local += fmt.Sprint(n + 1)
	}
	return local + "@" + domain
}

func (g *gen) phone() string {
	return fmt.Sprintf("(%03d) 555-%04d", g.between(201, 989), g.r.IntN(10000))
}

func (g *gen) coaches() {
	cfg := g.cfg
	inactiveFrom := cfg.coaches - cfg.inactive
	for i := range cfg.coaches {
		p := g.person()
		id := i + 1
		added := g.officeTime(workday(g.start.AddDays(-g.between(60, 900))))
		c := &account.Coach{
			ID: id, FirstName: p.first, LastName: p.last, Email: g.email(p, "coachwell.example.com"),
			WorkPhone: g.phone(), CellPhone: g.phone(), Gender: p.gender, Timezone: Timezone,
			DateAdded: added, IsActive: true, IsRegistered: true, IsCoaching: true,
			Address1: fmt.Sprintf("%d %s", g.between(10, 999), pick(g, g.w.streets)),
			City:     "New York", State: "NY", ZIP: fmt.Sprintf("100%02d", g.r.IntN(100)),
			AvatarURL:  fmt.Sprintf("https://avatars.example.com/coach/%d.png", id),
			LoginCount: g.between(40, 2000), LastLoginDate: g.officeTime(lastWorkday(g.asOf.AddDays(-g.r.IntN(5)))),
			Permissions: []string{"ownClients"},
		}
		c.Profile = account.CoachProfile{
			BusinessName: "Coachwell Partners", Credentials: pick(g, []string{"ICF PCC", "ICF ACC", "ICF MCC", "EMCC Senior Practitioner"}),
			Specialty:   pick(g, []string{"Leadership", "Career transitions", "Executive presence", "Wellbeing", "Small business growth"}),
			Biography:   fmt.Sprintf("%s coaches leaders through change.", p.first),
			Website:     "https://coachwell.example.com/" + asciiFold(p.first),
			ProfileShow: true, ProfileShowEmail: true, ProfileShowWorkPhone: g.chance(60),
		}
		switch {
		case i == 0:
			c.Permissions = []string{"allClients", "billing", "reports", "settings", "team"}
			c.Profile.ProfileShowAddress = true
		case i <= cfg.admins:
			c.IsCoaching = false
			c.Permissions = []string{"allClients", "billing", "reports"}
			c.Profile.Specialty, c.Profile.Credentials, c.Profile.ProfileShow = "", "", false
		case i >= inactiveFrom:
			c.IsActive = false
			c.LastLoginDate = g.coachLeft(c).At(16, 30, 0)
		default:
			if g.chance(50) {
				c.Permissions = append(c.Permissions, "reports")
			}
		}
		g.a.Coaches = append(g.a.Coaches, c)
		if c.IsCoaching {
			g.coaching = append(g.coaching, c)
		}
	}
	g.a.OwnerCoachID = 1
}

// coachLeft is the day an inactive coach left (0 for active coaches).
func (g *gen) coachLeft(c *account.Coach) account.Date {
	if c.IsActive {
		return 0
	}
	// Spread departures over the middle of the history.
	span := int(g.asOf - g.start)
	return workday(g.start.AddDays(span/3 + (c.ID*97)%(span/3)))
}

func (g *gen) companies() {
	for i := range g.cfg.companies {
		name := g.w.companyHeads[i%len(g.w.companyHeads)] + " " + g.w.companyTails[(i*3+i/len(g.w.companyHeads))%len(g.w.companyTails)]
		co := &account.Company{ID: i + 1, DateAdded: g.officeTime(workday(g.start.AddDays(g.r.IntN(200) - 100))), IsActive: true}
		switch i % 4 {
		case 2:
			name = strings.Replace(name, " ", " & ", 1) + " GmbH"
			co.Address1, co.City, co.State, co.ZIP, co.Country = fmt.Sprintf("Friedrichstraße %d", g.between(1, 200)), "Berlin", "BE", fmt.Sprintf("10%03d", g.r.IntN(1000)), "DE"
		case 3:
			name += " Ltd"
			co.Address1, co.City, co.State, co.ZIP, co.Country = fmt.Sprintf("%d King's Road", g.between(1, 300)), "London", "LND", "SW3 4RY", "GB"
		default:
			name += " Inc."
			city := strings.Split(pick(g, g.w.us), ",")
			co.Address1, co.City, co.State, co.ZIP, co.Country = fmt.Sprintf("%d %s", g.between(100, 9999), pick(g, g.w.streets)), city[0], city[1], city[2]+fmt.Sprintf("%02d", g.r.IntN(100)), "US"
		}
		co.Name = name
		if i == g.cfg.companies-1 && i > 2 {
			co.IsActive = false
		}
		g.a.Companies = append(g.a.Companies, co)
	}
}

// companyCurrency is the currency a company (and its clients) is billed in.
func companyCurrency(co *account.Company) string {
	switch co.Country {
	case "DE":
		return "EUR"
	case "GB":
		return "GBP"
	}
	return "USD"
}

// taxFor is the tax rate of an invoice in currency (percent, Fixed).
func (g *gen) taxFor(currency string) account.Fixed {
	switch currency {
	case "EUR", "GBP":
		if g.chance(85) {
			return 20 * account.FixedScale
		}
		return 0
	}
	if g.chance(25) {
		return 75000 // 7.5%
	}
	return 0
}

func (g *gen) clients() {
	span := int(g.asOf - g.start)
	type draft struct {
		join account.Date
		seq  int
	}
	drafts := make([]draft, g.cfg.clients)
	for i := range drafts {
		// A third were clients when the history starts; the rest join steadily.
		var join account.Date
		if g.chance(33) {
			join = g.start.AddDays(g.r.IntN(30))
		} else {
			join = g.start.AddDays(g.r.IntN(span - 20))
		}
		drafts[i] = draft{workday(join), i}
	}
	slices.SortStableFunc(drafts, func(a, b draft) int { return int(a.join) - int(b.join) })

	for i, d := range drafts {
		p := g.person()
		id := i + 1
		c := &account.Client{
			ID: id, FirstName: p.first, LastName: p.last, Gender: p.gender, Timezone: Timezone,
			DateAdded: g.officeTime(d.join), IsActive: true, CellPhone: g.phone(),
			AppointmentScheduleRule: "D",
		}
		plan := &clientPlan{c: c, join: d.join, currency: "USD"}
		domain := pick(g, []string{"gmail.example", "outlook.example", "fastmail.example", "icloud.example"})
		if g.chance(35) && len(g.a.Companies) > 0 {
			co := g.a.Companies[g.r.IntN(len(g.a.Companies))]
			c.CompanyID = co.ID
			domain = asciiFold(strings.Fields(co.Name)[0]) + ".example.com"
			plan.currency = companyCurrency(co)
			c.WorkPhone = g.phone()
			c.Address1, c.City, c.State, c.ZIP, c.Country = co.Address1, co.City, co.State, co.ZIP, co.Country
		} else {
			switch r := g.r.IntN(100); {
			case r < 6:
				plan.currency = "EUR"
				city := strings.Split(pick(g, g.w.eu), ",")
				c.City, c.State, c.Country, c.ZIP = city[0], city[1], city[2], city[3]+fmt.Sprintf("%03d", g.r.IntN(1000))
				c.Address1 = fmt.Sprintf("%s %d", pick(g, []string{"Hauptstraße", "Rue de la Paix", "Calle Mayor", "Keizersgracht"}), g.between(1, 200))
			case r < 9:
				plan.currency = "GBP"
				city := strings.Split(pick(g, g.w.uk), ",")
				c.City, c.State, c.Country, c.ZIP = city[0], city[1], city[2], city[3]+" "+fmt.Sprintf("%d%s", g.between(1, 9), pick(g, []string{"AB", "QT", "ZX", "LP"}))
				c.Address1 = fmt.Sprintf("%d %s", g.between(1, 200), pick(g, []string{"High Street", "Station Road", "Victoria Road"}))
			default:
				city := strings.Split(pick(g, g.w.us), ",")
				c.City, c.State, c.Country = city[0], city[1], "US"
				c.ZIP = city[2] + fmt.Sprintf("%02d", g.r.IntN(100))
				c.Address1 = fmt.Sprintf("%d %s", g.between(10, 9999), pick(g, g.w.streets))
				if g.chance(30) {
					c.HomePhone = g.phone()
				}
				switch c.State {
				case "IL", "TX":
					c.Timezone = "America/Chicago"
				case "CO":
					c.Timezone = "America/Denver"
				case "WA", "CA":
					c.Timezone = "America/Los_Angeles"
				}
			}
		}
		switch plan.currency {
		case "EUR":
			c.Timezone = "Europe/Berlin"
			if c.Country == "FR" {
				c.Timezone = "Europe/Paris"
			}
		case "GBP":
			c.Timezone = "Europe/London"
		}
		c.Email = g.email(p, domain)
		plan.taxRate = g.taxFor(plan.currency)
		plan.retainer = g.chance(55)
		plan.fee = account.Cents(pick(g, []int{350, 400, 450, 600, 750, 900, 1200})) * 100
		if plan.currency == "GBP" {
			plan.fee = plan.fee * 8 / 10
		}

		// About one in five clients has left.
		if g.chance(20) && int(g.asOf-d.join) > 120 {
			plan.leave = lastWorkday(d.join.AddDays(g.between(90, int(g.asOf-d.join)-20)))
			c.IsActive = false
			c.MayAccessWhenInactive = g.chance(30)
		}
		c.IsRegistered = g.chance(80)
		if c.IsRegistered {
			c.LoginCount = g.between(1, 300)
			last := plan.limit(g.asOf).AddDays(-g.r.IntN(10))
			if last < d.join {
				last = d.join
			}
			c.LastLoginDate = last.At(g.between(7, 21), g.r.IntN(60), g.r.IntN(60))
			c.OwnsDetails = g.chance(5)
		}
		c.IsFreebie = g.chance(3)
		if g.chance(15) {
			c.AppointmentScheduleRule = pick(g, []string{"ABE", "AUE", "NA"})
		}
		if g.chance(30) {
			c.ProfileExtra = "Prefers " + pick(g, []string{"morning sessions", "video calls", "phone calls", "short check-ins", "email over text"}) + "."
		}
		g.assignCoach(plan)
		c.CoachID = plan.primaries[len(plan.primaries)-1].coach
		g.plans = append(g.plans, plan)
		g.a.Clients = append(g.a.Clients, c)
	}
}

// activeCoaches are the coaching coaches active on day d.
func (g *gen) activeCoachesOn(d account.Date) []*account.Coach {
	var out []*account.Coach
	for _, c := range g.coaching {
		if left := g.coachLeft(c); left == 0 || left > d {
			out = append(out, c)
		}
	}
	return out
}

// assignCoach decides the client's primary coaches over time: a first one,
// a hand-over when that coach leaves while the client is active, and now and
// then a change of coach.
func (g *gen) assignCoach(p *clientPlan) {
	first := pick(g, g.activeCoachesOn(p.join))
	p.primaries = []primaryPeriod{{from: p.c.DateAdded, coach: first.ID}}
	if left := g.coachLeft(first); left != 0 && left <= p.limit(g.asOf) {
		next := pick(g, g.activeCoachesOn(g.asOf))
		p.primaries = append(p.primaries, primaryPeriod{from: left.At(9, 0, 0), coach: next.ID})
	}
	lim := p.limit(g.asOf)
	last := p.primaries[len(p.primaries)-1].from.Date()
	if g.chance(8) && int(lim-last) > 60 {
		day := workday(last.AddDays(g.between(30, int(lim-last)-10)))
		if day <= lim {
			cands := g.activeCoachesOn(g.asOf)
			next := pick(g, cands)
			if !slices.ContainsFunc(p.primaries, func(pp primaryPeriod) bool { return pp.coach == next.ID }) {
				p.primaries = append(p.primaries, primaryPeriod{from: g.officeTime(day), coach: next.ID})
			}
		}
	}
}

func (g *gen) pairings() {
	for _, p := range g.plans {
		current := map[int]bool{}
		for i, pp := range p.primaries {
			pr := &account.Pairing{CoachID: pp.coach, ClientID: p.c.ID, Type: "P", StartDate: pp.from}
			if i+1 < len(p.primaries) {
				pr.EndDate = p.primaries[i+1].from
				// The previous primary keeps coaching access, unless they left.
				prev := g.a.Coaches[pp.coach-1]
				if prev.IsActive && pp.coach != p.primaries[i+1].coach {
					g.a.Pairings = append(g.a.Pairings, pr)
					pr = &account.Pairing{CoachID: pp.coach, ClientID: p.c.ID, Type: "C", StartDate: p.primaries[i+1].from}
					current[pp.coach] = true
				}
			} else {
				current[pp.coach] = true
			}
			g.a.Pairings = append(g.a.Pairings, pr)
		}
		// A second coach with coaching access, sometimes only for a while.
		if g.chance(15) {
			c := pick(g, g.activeCoachesOn(g.asOf))
			if !current[c.ID] {
				start := g.officeTime(workday(p.join.AddDays(g.r.IntN(60))))
				pr := &account.Pairing{CoachID: c.ID, ClientID: p.c.ID, Type: "C", StartDate: start}
				if g.chance(35) {
					pr.EndDate = g.officeTime(workday(start.Date().AddDays(g.between(30, 200))))
					if pr.EndDate.Date() > g.asOf {
						pr.EndDate = 0
					}
				}
				if pr.EndDate == 0 {
					current[c.ID] = true
				}
				g.a.Pairings = append(g.a.Pairings, pr)
			}
		}
		// The owner reads along with some clients; the admin with company clients.
		if !current[1] && g.chance(10) {
			g.a.Pairings = append(g.a.Pairings, &account.Pairing{CoachID: 1, ClientID: p.c.ID, Type: "R", StartDate: p.c.DateAdded})
			current[1] = true
		}
		if g.cfg.admins > 0 && p.c.CompanyID != 0 && g.chance(40) {
			g.a.Pairings = append(g.a.Pairings, &account.Pairing{CoachID: 2, ClientID: p.c.ID, Type: "R", StartDate: p.c.DateAdded})
		}
	}
}

func (g *gen) groups() {
	kinds := []string{"Leadership cohort", "Wellness circle", "New managers", "Founders' roundtable", "Career changers", "Women in leadership"}
	for i := range g.cfg.groups {
		owner := g.coaching[i%len(g.coaching)]
		if !owner.IsActive {
			owner = g.coaching[0]
		}
		year := 2022 + (i*5)%5
		if g.cfg.months <= 24 {
			year = 2025 + i%2
		}
		grp := &account.Group{ID: i + 1, CoachID: owner.ID, Name: fmt.Sprintf("%s %d", kinds[i%len(kinds)], year), Type: pick(g, []string{"cohort", "standard"})}
		n := g.between(5, 14)
		seen := map[int]bool{}
		for range n {
			c := g.plans[g.r.IntN(len(g.plans))].c
			if !seen[c.ID] {
				seen[c.ID] = true
				grp.ClientIDs = append(grp.ClientIDs, c.ID)
			}
		}
		slices.Sort(grp.ClientIDs)
		g.a.Groups = append(g.a.Groups, grp)
	}
}
