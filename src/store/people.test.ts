import { describe, expect, it } from 'vitest';
import { rePath } from './people.ts';

describe('rePath', () => {
  it('moves the paths inside exactly that element, and no other', () => {
    expect(rePath('events[3]', 'events[3]', 'event')).toBe('event');
    expect(rePath('events[3].on', 'events[3]', 'event')).toBe('event.on');
    expect(rePath('people[1].citizenships[0]', 'people[1]', 'person')).toBe('person.citizenships[0]');
    expect(rePath('events[30].on', 'events[3]', 'event')).toBe('events[30].on');
    expect(rePath('people[10].id', 'people[1]', 'person')).toBe('people[10].id');
    expect(rePath('contract.start', 'events[3]', 'event')).toBe('contract.start');
    expect(rePath('people', '', '')).toBe('people');
  });
});
