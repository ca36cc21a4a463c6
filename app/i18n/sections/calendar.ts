// UI strings of the calendar pages. Vietnamese is the source; English must have the same keys.
const vi = {
  title: "",
};

const en: typeof vi = {
  title: "",
};

export const calendarMessages = { vi, en };
