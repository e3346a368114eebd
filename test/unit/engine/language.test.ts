import { expect } from 'chai';
import { detectLanguage } from '../../../server/engine/language.js';

describe('engine language detection', () => {
  it('when a Dutch idea is given, answers nl', () => {
    expect(detectLanguage('Inwoners maken zelf een afspraak aan het loket via een online module')).to.equal('nl');
  });
  it('when a French idea is given, answers fr', () => {
    expect(detectLanguage("Les citoyens prennent rendez-vous en ligne pour leur carte d'identité")).to.equal('fr');
  });
  it('when an English idea is given, answers en', () => {
    expect(detectLanguage('Residents book an appointment online for their identity card with a reminder')).to.equal('en');
  });
  it('when a short title is given, uses spelling cues', () => {
    expect(detectLanguage('Signalement des dépôts clandestins')).to.equal('fr');
    expect(detectLanguage('Report a broken streetlight')).to.equal('en');
    expect(detectLanguage('Meldingen van zwerfvuil')).to.equal('nl');
  });
  it('when the text is empty, emoji-only or undecided, answers the fallback', () => {
    expect(detectLanguage('')).to.equal('nl');
    expect(detectLanguage('🚲🚲🌳')).to.equal('nl');
    expect(detectLanguage('ok', { fallback: 'en' })).to.equal('en');
  });
});
