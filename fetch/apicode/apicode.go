// Package apicode names every error code the CoachAccountable API documents
// (section 2 of the team's API reference, COACHACCOUNTABLE.md, kept outside
// the repository at ../shared/api/ from its root).
//
// It is a leaf package so that both the client (fetch) and the emulator
// (fetch/sandbox) can use the same constants without the emulator sharing any
// of the client's decoding: one bug cannot then hide in both.
package apicode

import "fmt"

// Code is the value of the envelope's "error" field: 0 on success, one of the
// constants below on failure.
type Code int

// Credential and account codes (101-106): fatal for a whole run.
const (
	OK              Code = 0
	APIIDMissing    Code = 101 // APIID was not supplied
	APIKeyMissing   Code = 102 // APIKey was not supplied
	APIIDUnknown    Code = 103 // APIID matches no account
	APIKeyWrong     Code = 104 // APIKey is wrong for that APIID
	AccountInactive Code = 105 // the CoachAccountable account is not active
	APIDisabled     Code = 106 // API access is not enabled in the account's settings
)

// Function-selection codes: programming errors of the caller.
const (
	FunctionMissing Code = 201 // the "a" parameter is missing
	FunctionUnknown Code = 202 // "a" names a function that does not exist
)

// Input codes shared by many functions.
const (
	RequiredMissing  Code = 301 // a required value was not supplied
	UnknownID        Code = 302 // an ID refers to nothing
	InvalidEmail     Code = 303
	InvalidDate      Code = 304
	InvalidTime      Code = 305
	InvalidName      Code = 306
	CoachUnknown     Code = 311 // the CoachID matches no coach
	CoachInactive    Code = 312
	CoachNotCoaching Code = 313 // the coach has no coaching role (administrative only)
	ReminderSyntax   Code = 321 // reminderSet is not comma-separated triplets
	ReminderValue    Code = 322 // a value inside a reminder triplet is invalid
)

// Domain codes of individual functions.
const (
	ClientDuplicateEmail     Code = 401
	ClientInviteNoMagicLink  Code = 402
	ClientAlreadyRegistered  Code = 403
	ClientLimitReached       Code = 404
	ClientOwnsDetails        Code = 405
	CoachDuplicateEmail      Code = 411
	CoachInviteNoMagicLink   Code = 412
	CoachAlreadyRegistered   Code = 413
	CoachIsOwner             Code = 414
	CoachIsPrimary           Code = 415
	OwnerPermissions         Code = 416
	ActionAlreadyDone        Code = 420 // cannot cancel: already complete
	ActionCanceled           Code = 421 // cannot mark complete: canceled
	MetricNotEditable        Code = 430
	MetricDateRefused        Code = 431
	EngagementOverlap        Code = 440
	EngagementCanceled       Code = 441 // cannot complete: canceled
	EngagementComplete       Code = 442 // cannot cancel: complete
	EngagementAllocation     Code = 443
	FileTooLarge             Code = 470
	FileNoStorage            Code = 471
	InvalidURL               Code = 472
	CourseAlreadyParticipant Code = 481
	CourseCoachNotAssigning  Code = 482
	CourseAlreadyPaused      Code = 483
	InvoiceDuplicateNumber   Code = 491
	InvoiceNoLineItems       Code = 492
	InvoiceLineItemSetSyntax Code = 493
	InvoiceLineItemSyntax    Code = 494
	InvoiceSendToInvalid     Code = 495
	PaymentAmountInvalid     Code = 496
	PaymentDateInFuture      Code = 497
	ClientInactive           Code = 498
)

var descriptions = map[Code]string{
	APIIDMissing:             "APIID was not supplied",
	APIKeyMissing:            "APIKey was not supplied",
	APIIDUnknown:             "APIID does not match any account",
	APIKeyWrong:              "APIKey is wrong for that APIID",
	AccountInactive:          "the CoachAccountable account is not active",
	APIDisabled:              "API access is not enabled for the account",
	FunctionMissing:          "the function name (a) is missing",
	FunctionUnknown:          "the function does not exist",
	RequiredMissing:          "a required value was not supplied",
	UnknownID:                "an ID refers to nothing",
	InvalidEmail:             "invalid email address",
	InvalidDate:              "invalid date",
	InvalidTime:              "invalid time",
	InvalidName:              "invalid name",
	CoachUnknown:             "the CoachID matches no coach",
	CoachInactive:            "the coach is inactive",
	CoachNotCoaching:         "the coach has no coaching role",
	ReminderSyntax:           "reminderSet is malformed",
	ReminderValue:            "a reminder value is invalid",
	ClientDuplicateEmail:     "a client with that email already exists",
	ClientInviteNoMagicLink:  "the invitation lacks the [magicLink] tag",
	ClientAlreadyRegistered:  "the client has already registered",
	ClientLimitReached:       "no room for another client",
	ClientOwnsDetails:        "the client owns their account details",
	CoachDuplicateEmail:      "a coach with that email already exists",
	CoachInviteNoMagicLink:   "the coach invitation lacks the [magicLink] tag",
	CoachAlreadyRegistered:   "the coach has already registered",
	CoachIsOwner:             "the account owner cannot be deleted or deactivated",
	CoachIsPrimary:           "the coach is still a primary coach",
	OwnerPermissions:         "the account owner's permissions cannot be set",
	ActionAlreadyDone:        "the action is already complete",
	ActionCanceled:           "the action is canceled",
	MetricNotEditable:        "the metric belongs to a group or course",
	MetricDateRefused:        "metric data cannot be added for that date",
	EngagementOverlap:        "the client already has an overlapping engagement",
	EngagementCanceled:       "the engagement is canceled",
	EngagementComplete:       "the engagement is already complete",
	EngagementAllocation:     "the engagement allocation is missing or invalid",
	FileTooLarge:             "the file is too large",
	FileNoStorage:            "the file does not fit in the remaining storage",
	InvalidURL:               "the URL is not valid",
	CourseAlreadyParticipant: "the client is already a course participant",
	CourseCoachNotAssigning:  "that coach cannot assign the course",
	CourseAlreadyPaused:      "the participation is already paused or unpaused",
	InvoiceDuplicateNumber:   "an invoice with that number already exists",
	InvoiceNoLineItems:       "an invoice needs at least one line item",
	InvoiceLineItemSetSyntax: "lineItemSet is malformed",
	InvoiceLineItemSyntax:    "a line item is malformed",
	InvoiceSendToInvalid:     "the sendTo value is invalid",
	PaymentAmountInvalid:     "the payment amount is invalid",
	PaymentDateInFuture:      "the payment date is in the future",
	ClientInactive:           "the client is inactive",
}

// All returns every documented code in ascending order (OK excluded).
func All() []Code {
	out := make([]Code, 0, len(descriptions))
	for c := Code(100); c < 500; c++ {
		if _, ok := descriptions[c]; ok {
			out = append(out, c)
		}
	}
	return out
}

// Documented reports whether c is one of the documented error codes.
func (c Code) Documented() bool { _, ok := descriptions[c]; return ok }

// IsCredentials reports whether c is a credential or account-state problem
// (101-106): no later call of the same run can succeed.
func (c Code) IsCredentials() bool { return c >= 101 && c <= 106 }

// IsProgramming reports whether c says the caller named no or a wrong function.
func (c Code) IsProgramming() bool { return c == FunctionMissing || c == FunctionUnknown }

// IsNotFound reports whether c says a supplied ID refers to nothing.
func (c Code) IsNotFound() bool { return c == UnknownID || c == CoachUnknown }

// Description is a short English description of the documented meaning.
func (c Code) Description() string {
	if d, ok := descriptions[c]; ok {
		return d
	}
	return "undocumented error code"
}

// String renders the code with its description, e.g. "104 (APIKey is wrong for that APIID)".
func (c Code) String() string { return fmt.Sprintf("%d (%s)", int(c), c.Description()) }
