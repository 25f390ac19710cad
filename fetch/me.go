package fetch

import "context"

// User is the person the API credentials belong to (section 4.26).
type User struct {
	FirstName string
	LastName  string
	Email     string
	Username  string
}

type wireUser struct {
	FirstName flexString `json:"firstName"`
	LastName  flexString `json:"lastName"`
	LasName   flexString `json:"lasName"` // the older docs' spelling
	Email     flexString `json:"email"`
	Username  flexString `json:"username"`
}

func (w wireUser) record() User {
	last := w.LastName
	if last == "" {
		last = w.LasName
	}
	return User{FirstName: string(w.FirstName), LastName: string(last), Email: string(w.Email), Username: string(w.Username)}
}

// Me describes the user the credentials belong to (API function
// Account.me); a cheap call to check credentials before a long run.
func (c *Client) Me(ctx context.Context) (User, error) {
	env, _, err := c.call(ctx, "Account.me", nil)
	if err != nil {
		return User{}, err
	}
	w, err := decodeOne[wireUser](env.Return)
	if err != nil {
		return User{}, c.decodeError("Account.me", err)
	}
	return w.record(), nil
}
