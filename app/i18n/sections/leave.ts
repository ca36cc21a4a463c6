// UI strings of the leave pages. Vietnamese is the source; English must have the same keys.
const vi = {
  title: "",
};

const en: typeof vi = {
  title: "",
};

export const leaveMessages = { vi, en };
