/** Where the address form asks for a country's states (app/api/countries/[code]/states), and the key the page's lists are given under. */
export const statesUrl = (countryCode: string) => `/api/countries/${countryCode}/states`;
