import { statusKey, templateRoute } from '../src/core/normalize/route-template.js';

describe('templateRoute', () => {
  it.each([
    ['number', '/api/orders/42', '/api/orders/{id}'],
    ['uuid', '/api/orders/8c1f2e4a-4c1a-9f2e-b8cc-1e88b294cd1d/items', '/api/orders/{id}/items'],
    ['hex', '/commits/deadbeef1234', '/commits/{id}'],
    ['mixed id', '/users/u-123/profile', '/users/{id}/profile'],
    ['version kept', '/api/v1/users/7', '/api/v1/users/{id}'],
    ['oauth2 kept', '/oauth2/token', '/oauth2/token'],
    ['long opaque token', '/reset/Zx8QpLmNaBcDeFgHiJkLmN', '/reset/{id}'],
    ['slug kept', '/docs/reset-password-confirmation', '/docs/reset-password-confirmation'],
    ['query string dropped', '/search?q=shoes&page=2', '/search'],
    ['full URL', 'https://api.example.com/api/orders/9?x=1', '/api/orders/{id}'],
    ['e-mail', '/users/alice@example.com', '/users/{id}'],
    ['root', '/', '/'],
  ])('%s', (_name, path, expected) => {
    expect(templateRoute(path)).toBe(expected);
  });
});

describe('statusKey', () => {
  it.each([
    [503, '503'],
    [500, '500'],
    [404, '404'],
    [200, '2xx'],
    [302, '3xx'],
    [0, 'no-response'],
  ])('%i → %s', (status, expected) => {
    expect(statusKey(status)).toBe(expected);
  });
});
