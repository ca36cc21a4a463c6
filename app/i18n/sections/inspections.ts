// UI strings of the inspection pages. Vietnamese is the source; English must have the same keys.
const vi = {
  title: "",
};

const en: typeof vi = {
  title: "",
};

export const inspectionsMessages = { vi, en };
