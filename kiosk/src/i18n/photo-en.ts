import type { PhotoCatalogue } from "./photo-zh";

/** The admin screen's photo control, in English. Same keys as photo-zh.ts. */
export const photoEn: PhotoCatalogue = {
  photos: {
    title: "Photos (for the guard's check)",
    hint: "JPEG, PNG or WebP, up to 2 MB. Kept only on the school's server, shown only after login.",
    child: "Child",
    upload: "Upload photo",
    remove: "Remove photo",
    uploaded: "Photo saved",
    removed: "Photo removed",
    tooLarge: "The photo is larger than 2 MB",
  },
};
