package sandbox

// apiFunctions lists every function of the API (Appendix A), so that a name
// the API has but the sandbox does not implement can be told apart from a
// name that does not exist; both answer 202, with different messages.
func apiFunctions() map[string]bool {
	names := []string{
		"Coach.add", "Coach.invite", "Coach.deactivate", "Coach.activate", "Coach.updateProfile",
		"Coach.setPermissions", "Coach.delete", "Coach.getAll", "Coach.get",
		"Client.add", "Client.invite", "Client.deactivate", "Client.activate", "Client.update",
		"Client.setProfileExtra", "Client.delete", "Client.getAll", "Client.get",
		"Client.getAppointmentSettings", "Client.setAppointmentSettings",
		"Pairing.set", "Pairing.delete", "Pairing.getForCoach", "Pairing.getForClient", "Pairing.getHistory",
		"Action.add", "Action.getAll", "Action.getReminders", "Action.setReminders", "Action.clearReminders",
		"Action.deleteReminder", "Action.update", "Action.delete", "Action.markDone", "Action.unmarkDone",
		"Action.cancel", "Action.uncancel", "Action.getAllProjects", "Action.deleteProject",
		"Metric.add", "Metric.getAll", "Metric.addData", "Metric.clearDayData", "Metric.update",
		"Metric.markComplete", "Metric.unmarkComplete", "Metric.delete",
		"Appointment.getTypes", "Appointment.add", "Appointment.getAll", "Appointment.cancel", "Appointment.delete",
		"Session.add", "Session.getAll", "Session.update", "Session.delete",
		"Worksheet.getAll", "Worksheet.getReminders", "Worksheet.setReminders", "Worksheet.clearReminders",
		"Worksheet.deleteReminder", "Worksheet.delete",
		"Agreement.getTemplates", "Agreement.issue", "Agreement.getAll", "Agreement.delete",
		"ClientFile.addAsUpload", "ClientFile.addAsURL",
		"Invoice.add", "Invoice.send", "Invoice.getAll", "Invoice.get", "Invoice.update", "Invoice.delete",
		"Invoice.getPayments", "Invoice.addPayment", "Invoice.deletePayment",
		"Engagement.getTemplates", "Engagement.addForClient", "Engagement.update", "Engagement.complete",
		"Engagement.cancel", "Engagement.reopen", "Engagement.delete", "Engagement.getAll",
		"Offering.getAll", "Offering.getSubmissions", "OfferingCollection.getAll",
		"Course.getAll", "Course.addClientParticipant", "Course.pauseParticipant", "Course.unpauseParticipant",
		"Course.fastForwardParticipant", "Course.rewindParticipant", "Course.stopParticipant",
		"Course.getAllClientParticipants", "Course.getAllGroupParticipants", "Course.addClientAvailability",
		"Course.getAvailabilitiesForClient", "Course.getAvailabilitiesForCourse", "Course.removeClientAvailability",
		"Group.getAll", "Group.addClientMember", "Group.getAllClientMembers", "Group.activateClientMember",
		"Group.deactivateClientMember", "Group.removeClientMember", "Group.getAllCoachMembers",
		"Company.getAll", "Personnel.getAll",
		"ClientData.getByField", "ClientData.getActivityStats",
		"Account.me",
	}
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}
