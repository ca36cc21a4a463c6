// A tiny real image (8×8 PNG) encoded by Chromium's canvas; used to test uploads and cleaning.
export const TINY_PNG_B64 =
  "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAYAAADED76LAAAAPklEQVR4AayNwQkAIAwDQ/fQdRxDR3MMXcdF9JVSfLSfFo5CuBApfV0PQXAqnN" +
  "lgYU8FBv9PFOrYsHAqnHgAAAD//wid6NoAAAAGSURBVAMACLEdqecsoPYAAAAASUVORK5CYII=";
